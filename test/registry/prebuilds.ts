// better-sqlite3 (the collector's store) installs a prebuilt binary with prebuild-install,
// which downloads it from GitHub; where GitHub is out of reach it compiles SQLite from
// source (minutes on a small machine). For the tests, a loopback mirror serves the binary
// this repository's install holds, under prebuild-install's file name, for that version
// only: any other version gets a 404 and is compiled, as it would be without a prebuild.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Mirror {
  /** Environment that points prebuild-install at the mirror (empty when there is no binary to serve). */
  readonly env: Record<string, string>;
  /** The paths asked for, and whether each was served. */
  readonly requests: { path: string; served: boolean }[];
  stop(): Promise<void>;
}

export async function startPrebuildMirror(dir: string): Promise<Mirror> {
  const require = createRequire(join(import.meta.dirname, '../../packages/collector/package.json'));
  const root = dirname(require.resolve('better-sqlite3/package.json'));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const binary = join(root, 'build/Release/better_sqlite3.node');
  const requests: { path: string; served: boolean }[] = [];
  if (!existsSync(binary)) return { env: {}, requests, stop: async () => {} };
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  mkdirSync(join(dir, 'build/Release'), { recursive: true });
  copyFileSync(binary, join(dir, 'build/Release/better_sqlite3.node'));
  execFileSync('tar', ['-czf', name, 'build/Release/better_sqlite3.node'], { cwd: dir });
  const body = readFileSync(join(dir, name));
  const server: Server = createServer((req, res) => {
    const ok = req.url === `/v${version}/${name}`;
    requests.push({ path: req.url ?? '', served: ok });
    if (ok) res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    env: { npm_config_better_sqlite3_binary_host: `http://127.0.0.1:${port}` },
    requests,
    // close() alone waits for idle keep-alive connections to time out.
    stop: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
  };
}
