import { randomUUID } from 'node:crypto';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createEventStore, type EventStore } from '../../libs/event-store/src';
import { HistoryWriter } from '../../libs/jobs/src/reports/history-writer.fixtures';

/** What to seed: `count` certificants' histories in `cycle`, each with `activities` activities. */
export interface SeedJob {
  databaseUrl: string;
  count: number;
  activities: number;
  cycle: string;
}

export interface Seeded {
  ids: string[];
  events: number;
  ms: number;
}

type Message = { progress: string } | { done: Seeded } | { failed: string };

/**
 * Seeds in a thread of its own, with its own connection to the store: the API under test runs in
 * the bench's main thread, and a million events' worth of seeding garbage in its heap would be
 * collected under the measured queries (ADR 8), which no production API process carries.
 */
export function seedInThread(job: SeedJob, log: (line: string) => void): Promise<Seeded> {
  return new Promise<Seeded>((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { seedJob: job } });
    worker.on('message', (message: Message) => {
      if ('progress' in message) log(message.progress);
      else if ('done' in message) resolve(message.done);
      else reject(new Error(message.failed));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the seeding thread exited with ${code}`));
    });
  });
}

/** Every event decided by the domain's deciders (HistoryWriter) and appended with appendBatch. */
async function seed(store: EventStore, { count, activities, cycle }: SeedJob, progress: (line: string) => void): Promise<Seeded> {
  const ids: string[] = [];
  let events = 0;
  const t0 = performance.now();
  const chunk = 1000;
  for (let start = 0; start < count; start += chunk) {
    // A writer per chunk: it holds every stream's folded state, and certificants are independent.
    const writer = new HistoryWriter();
    for (let i = start; i < Math.min(count, start + chunk); i++) {
      const id = randomUUID();
      ids.push(id);
      writer.register(id, { on: '2021-01-04', memberId: i % 2 === 0 ? `M-${i}` : null, certifications: [{ certification: 'CSCS', earnedOn: `${2011 + (i % 9)}-05-01` }] });
      for (let k = 0; k < activities; k++) {
        writer.report(id, cycle, `${id}-a${k}`, { activityType: 'event-attendance', activityDate: `2025-0${1 + (k % 9)}-1${k % 10}`, title: `Clinic ${k}`, provider: 'NSCA', hours: 2 + ((i + k) % 12) }, '2025-10-01');
      }
      writer.payRecertificationFee(id, cycle, 'CSCS', `${id}-fee`, '2025-10-01');
    }
    events += await writer.flush(store, 10_000);
    if ((start / chunk) % 10 === 9) progress(`seeded ${ids.length} certificants, ${events} events, ${Math.round(events / ((performance.now() - t0) / 1000))} events/s`);
  }
  return { ids, events, ms: performance.now() - t0 };
}

if (!isMainThread && (workerData as { seedJob?: SeedJob } | null)?.seedJob) {
  const job = (workerData as { seedJob: SeedJob }).seedJob;
  const post = (message: Message) => parentPort!.postMessage(message);
  void (async () => {
    const { store } = await createEventStore({ databaseUrl: job.databaseUrl, poolSize: 2 });
    try {
      post({ done: await seed(store, job, (progress) => post({ progress })) });
    } finally {
      await store.close();
    }
  })().catch((error: unknown) => post({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
}
