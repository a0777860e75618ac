import { randomUUID } from 'node:crypto';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { RawHttpConnection } from './raw-http';

/** What the clients send: activity reports for their own certificants, or cycle-status reads. */
export type LoadPlan =
  | { kind: 'report'; cycle: string; ids: string[][]; serialFrom: number }
  | { kind: 'get'; cycle: string; ids: string[] };

export interface LoadResult {
  latencies: number[];
  wallMs: number;
  failures: string[];
  /** The highest `position` a command answered with (0 for reads). */
  lastPosition: number;
}

interface Job {
  baseUrl: string;
  token: string;
  clients: number;
  total: number;
  plan: LoadPlan;
}

/**
 * Runs `total` calls from `clients` concurrent loops in a thread of its own, as clients are
 * programs of their own: the API's event loop serves requests and does not also make them, and
 * a client's latency is not stretched by the server's work on the same thread. Each client has one
 * connection of its own (RawHttpConnection: a lean client, so that the load takes little of the
 * CPU it measures).
 */
export function loadInThread(job: Job): Promise<LoadResult> {
  return new Promise<LoadResult>((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { loadJob: job } });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load thread exited with ${code}`));
    });
  });
}

async function run({ baseUrl, token, clients, total, plan }: Job): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const connections = Array.from({ length: clients }, () => new RawHttpConnection(url.hostname, Number(url.port), { Authorization: `Bearer ${token}` }));
  const call = (client: number, i: number) => {
    const http = connections[client];
    if (plan.kind === 'get') {
      const id = plan.ids[Math.floor(Math.random() * plan.ids.length)];
      return http.call('GET', `/api/v1/certificants/${id}/cycles/${plan.cycle}`);
    }
    const mine = plan.ids[client];
    const k = plan.serialFrom + i;
    return http.call(
      'POST',
      `/api/v1/certificants/${mine[i % mine.length]}/cycles/${plan.cycle}/activities`,
      { activityType: 'event-attendance', activityDate: `2025-0${1 + (k % 9)}-1${k % 10}`, title: `Clinic ${k}`, provider: 'NSCA', hours: 2 + (k % 6) },
      { 'idempotency-key': randomUUID() },
    );
  };
  const latencies: number[] = [];
  const failures: string[] = [];
  let lastPosition = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (next < total) {
        const i = next++;
        const reply = await call(c, i);
        latencies.push(reply.ms);
        if (reply.status < 200 || reply.status >= 300) failures.push(`${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
        const position = (reply.body as { position?: number } | null)?.position;
        if (typeof position === 'number' && position > lastPosition) lastPosition = position;
      }
    }),
  );
  const wallMs = performance.now() - t0;
  for (const connection of connections) connection.close();
  return { latencies, wallMs, failures, lastPosition };
}

if (!isMainThread && (workerData as { loadJob?: Job } | null)?.loadJob) {
  void run((workerData as { loadJob: Job }).loadJob).then((result) => parentPort!.postMessage(result));
}
