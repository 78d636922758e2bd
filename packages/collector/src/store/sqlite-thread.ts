// Worker-thread entry of the SQLite store: one Writer, driven by messages.
import { parentPort, workerData } from 'node:worker_threads';
import { openWriter, type RawBatch, type Writer, type WriterSetup } from './sqlite-writer.js';

type Request = { id: number; op: 'write'; batches: RawBatch[] } | { id: number; op: 'probe' | 'close' } | { id: number; op: 'pragma'; text: string };

const port = parentPort!;
const fail = (id: number, e: unknown) => port.postMessage({ id, error: { message: (e as Error)?.message ?? String(e), code: (e as { code?: string })?.code } });

let writer: Writer | undefined;
try {
  writer = openWriter(workerData as WriterSetup);
  port.postMessage({ id: 0, ok: true });
} catch (e) {
  fail(0, e);
}

port.on('message', (m: Request) => {
  try {
    if (!writer) throw Object.assign(new Error('the database is not open'), { code: 'SQLITE_CANTOPEN' });
    if (m.op === 'write') port.postMessage({ id: m.id, result: writer.write(m.batches) });
    else if (m.op === 'probe') { writer.probe(); port.postMessage({ id: m.id, result: null }); }
    else if (m.op === 'pragma') port.postMessage({ id: m.id, result: writer.db.pragma(m.text, { simple: true }) });
    else { writer.close(); port.postMessage({ id: m.id, result: null }); port.close(); }
  } catch (e) {
    fail(m.id, e);
  }
});
