// Worker-thread entry of the SQLite store: one Writer, driven by messages.
import { parentPort, workerData } from 'node:worker_threads';
import { openWriter, type Writer, type WriterSetup } from './sqlite-writer.js';
import { unpackBatches } from './wire.js';

type Request = { id: number; op: 'write'; packed: string } | { id: number; op: 'probe' | 'close' } | { id: number; op: 'pragma'; text: string };

const port = parentPort!;
const fail = (id: number, e: unknown) => port.postMessage({ id, error: { message: (e as Error)?.message ?? String(e), code: (e as { code?: string })?.code } });

const setup = workerData as WriterSetup;
let writer: Writer | undefined;
try {
  writer = openWriter(setup);
  port.postMessage({ id: 0, ok: true });
} catch (e) {
  fail(0, e);
}

port.on('message', (m: Request) => {
  try {
    if (!writer) throw Object.assign(new Error('the database is not open'), { code: 'SQLITE_CANTOPEN' });
    if (m.op === 'write') port.postMessage({ id: m.id, result: writer.write(unpackBatches(m.packed, setup.columns.length)) });
    else if (m.op === 'probe') { writer.probe(); port.postMessage({ id: m.id, result: null }); }
    else if (m.op === 'pragma') port.postMessage({ id: m.id, result: writer.db.pragma(m.text, { simple: true }) });
    else { writer.close(); port.postMessage({ id: m.id, result: null }); port.close(); }
  } catch (e) {
    fail(m.id, e);
  }
});
