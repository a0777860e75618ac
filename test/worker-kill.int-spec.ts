import type { INestApplication } from '@nestjs/common';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { certificantStream } from '@recert/domain';
import type { EventStore } from '@recert/event-store';
import { Projections } from '@recert/read-models';
import { createApp } from '../apps/api/src/app';
import { loadRecertConfig } from '../apps/api/src/config/recert-config';
import { EVENT_STORE } from '../apps/api/src/database/tokens';
import { ADMIN } from './support/app-harness';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * Issue 5, item 9: the worker killed in the middle of a 20,000-row import (kill -9 of the real
 * `apps/worker` entry, a child process running the TypeScript as jest does) and restarted
 * finishes it, with every CEU recorded exactly once. An `api`-mode app (it works no queue) takes
 * the CSV upload and puts the job on BullMQ under a prefix of its own; only the worker processes it.
 * After the kill the job stays active until its lock lapses (RECERT_JOB_LOCK_MS, 5 s here), then the restarted
 * worker takes it again and the import resumes from its stream.
 */
jest.setTimeout(300_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = join(__dirname, '..');
const ROWS = 20_000;
const PEOPLE = 400;
const TODAY = '2025-06-15';

let database: TestDatabase;
let api: INestApplication;
let url: string;
let token: string;
let redis: IORedis;
const prefix = `recert-kill-${randomBytes(6).toString('hex')}`;
const children = new Set<ChildProcess>();

/** Starts `apps/worker/src/main.ts` and resolves once it says it is running. */
async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'libs/jobs/src/imports/testing/swc-register.js'), join(ROOT, 'apps/worker/src/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATABASE_URL: database.url, REDIS_URL, RECERT_QUEUE_PREFIX: prefix, RECERT_JOB_LOCK_MS: '5000', RECERT_NOW: TODAY, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Recert worker running')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the worker exited (${code}) before it ran: ${stderr}`)));
  });
  return child;
}

async function http(method: string, path: string, body?: string | FormData, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/api/v1${path}`, { method, body, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  return { status: response.status, body: await response.json().catch(() => null) };
}

async function importStatus(importId: string, done: (status: any) => boolean, timeoutMs: number): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await http('GET', `/imports/${importId}`);
    if (answer.status === 200 && done(answer.body)) return answer.body;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  process.env.RECERT_QUEUE_PREFIX = prefix;
  api = await createApp(
    loadRecertConfig({
      DATABASE_URL: database.url,
      REDIS_URL,
      RECERT_MODE: 'api',
      RECERT_NOW: TODAY,
      RECERT_ADMIN_EMAIL: ADMIN.email,
      RECERT_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'silent',
      PORT: '0',
    }),
  );
  await api.listen(0, '127.0.0.1');
  url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  token = (await http('POST', '/auth/login', JSON.stringify(ADMIN), { 'content-type': 'application/json' })).body.token;

  // Four hundred certificants holding CSCS since 2015, written as their events.
  const store = api.get<EventStore>(EVENT_STORE);
  for (let i = 0; i < PEOPLE; i += 200) {
    await store.appendBatch(
      Array.from({ length: Math.min(200, PEOPLE - i) }, (_, j) => {
        const id = `k-${i + j}`;
        return {
          streamId: certificantStream(id),
          events: [
            { type: 'CertificantRegistered', data: { certificantId: id, firstName: 'Test', lastName: id, email: `${id}@example.org`, memberId: null, registeredOn: '2014-01-01' } },
            { type: 'CertificationEarned', data: { certificantId: id, certification: 'CSCS', earnedOn: '2015-05-01', recordedOn: '2015-05-02' } },
            { type: 'CertificationDocumentsReceived', data: { certificantId: id, certification: 'CSCS', documents: ['transcript'], receivedOn: '2015-05-03' } },
          ],
          options: { expectedRevision: 'no_stream' as const },
        };
      }),
    );
  }
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await api?.close();
  await database?.drop();
  delete process.env.RECERT_QUEUE_PREFIX;
  if (redis) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
});

it('a worker killed with SIGKILL mid-import and started again completes it, every CEU recorded exactly once', async () => {
  let worker = await startWorker();
  // The import matches people in the certificant search read model, which the worker projects.
  const head = await api.get<EventStore>(EVENT_STORE).head();
  expect(await api.get(Projections).waitForPosition(head, 120_000, 'certificant_search')).toBe(true);

  const lines = ['certificantId,activityDate,title,hours'];
  for (let row = 0; row < ROWS; row++) lines.push(`k-${row % PEOPLE},2025-0${1 + (row % 5)}-${String(1 + (row % 28)).padStart(2, '0')},Session ${row},1`);
  const form = new FormData();
  form.set('kind', 'event-attendance');
  form.set('file', new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }), 'attendance.csv');
  const started = await http('POST', '/imports', form);
  expect(started.status).toBe(202);
  const importId: string = started.body.importId;

  // Kill it once a quarter of the rows are committed (read from the import's stream, not a timer).
  await importStatus(importId, (status) => status.processedRows >= ROWS / 4, 120_000);
  worker.kill('SIGKILL');
  await new Promise((resolve) => (worker.exitCode !== null || worker.signalCode !== null ? resolve(null) : worker.once('exit', resolve)));
  expect(worker.signalCode).toBe('SIGKILL');
  const interrupted = (await http('GET', `/imports/${importId}`)).body;
  expect(interrupted.status).toBe('running');
  expect(interrupted.processedRows).toBeLessThan(ROWS);

  worker = await startWorker();
  const completed = await importStatus(importId, (status) => status.status === 'completed', 240_000);
  expect(completed).toMatchObject({ totalRows: ROWS, processedRows: ROWS, acceptedRows: ROWS, duplicateRows: 0, rejectedRows: 0 });

  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ reported: string; refs: string }>(
      `SELECT count(*)::text AS reported, count(DISTINCT data->>'externalRef')::text AS refs FROM events WHERE type = 'ActivityReported'`,
    );
    expect(rows[0]).toEqual({ reported: String(ROWS), refs: String(ROWS) });
  } finally {
    await client.end();
  }
});
