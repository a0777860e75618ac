import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PoolConfig } from 'pg';

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  connectionString: string;
  /** What a `pg` Pool needs: pool size 1, since PGlite has a single backend. */
  poolConfig: PoolConfig;
  /** Closes the socket server and PGlite (flushing its files) and ends the child process. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory holding the database files (created if missing); omit for an in-memory database. */
  dataDir?: string;
  host?: string;
  /** 0 (default) lets the OS choose a free port. */
  port?: number;
  /** How long to wait for PGlite to start (ms, default 60 s: the first start runs initdb). */
  startTimeoutMs?: number;
}

/**
 * Runs in the child: PGlite plus its socket server. maxConnections > 1 only so that a replacement
 * connection (pg drops a client after a network error) is accepted before the server notices
 * that the old one closed; the app still opens a single pool of size 1.
 */
const CHILD = `
const { PGlite } = require(process.env.RECERT_PGLITE);
const { PGLiteSocketServer } = require(process.env.RECERT_PGLITE_SOCKET);
(async () => {
  const cfg = JSON.parse(process.env.RECERT_EMBEDDED);
  const db = await PGlite.create(cfg.dataDir);
  const server = new PGLiteSocketServer({ db, host: cfg.host, port: cfg.port, maxConnections: 4 });
  await server.start();
  let stopping;
  const stop = () => (stopping ??= (async () => {
    await server.stop();
    await db.close();
    process.disconnect?.();
  })().catch((e) => { console.error(e); process.exitCode = 1; process.disconnect?.(); }));
  process.on('message', (m) => { if (m === 'stop') stop(); });
  process.on('disconnect', stop);
  process.send({ ready: server.getServerConn() });
})().catch((e) => { process.send?.({ error: String(e && e.stack || e) }); process.exit(1); });
`;

/**
 * PGlite (PostgreSQL compiled to WASM) served over a local TCP socket, so the app's `pg` driver and
 * SQL run on it unchanged. It runs in a child process: PGlite executes queries synchronously on its
 * thread, which would otherwise stall the app's event loop, and it needs native ESM loading that
 * some hosts (Jest's VM) cannot give. Open ONE pool of size 1 against it: the socket server
 * multiplexes every connection onto PGlite's single session, so two pools would interleave
 * their transactions.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const host = options.host ?? '127.0.0.1';
  const child = spawn(process.execPath, ['-e', CHILD], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      RECERT_PGLITE: require.resolve('@electric-sql/pglite'),
      RECERT_PGLITE_SOCKET: require.resolve('@electric-sql/pglite-socket'),
      RECERT_EMBEDDED: JSON.stringify({ dataDir, host, port: options.port ?? 0 }),
    },
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let port: number;
  try {
    port = await ready(child, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    child.kill();
    await exited;
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    connectionString: `postgres://postgres@${host}:${port}/postgres`,
    poolConfig: { host, port, user: 'postgres', database: 'postgres', max: 1 },
    stop() {
      stopping ??= (async () => {
        if (child.connected) child.send('stop');
        await exited;
      })();
      return stopping;
    },
  };
}

function ready(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => fail(new Error(`Embedded PostgreSQL (PGlite) did not start within ${timeoutMs} ms.`)), timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      child.removeAllListeners('message');
      reject(error);
    }
    child.on('message', (m: { ready?: string; error?: string }) => {
      if (m.ready !== undefined) {
        clearTimeout(timer);
        child.removeAllListeners('message');
        resolvePort(Number(m.ready.split(':').pop()));
      } else {
        fail(new Error(`Embedded PostgreSQL (PGlite) failed to start: ${m.error ?? 'unknown error'}`));
      }
    });
    child.once('exit', (code) => fail(new Error(`Embedded PostgreSQL (PGlite) exited with code ${code} while starting.`)));
  });
}
