import { NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

export type RunState = 'running' | 'completed' | 'failed';

/** What `GET .../runs/:jobId` answers: how far a background run got. */
export interface RunProgress {
  jobId: string;
  kind: string;
  cycle: string;
  state: RunState;
  total: number | null;
  done: number;
  /** Those who got a new event (late reporting started, certification expired, certificate issued). */
  changed: number;
  /** Those the domain refused, with its code (e.g. not ready); the run goes on. */
  refused: { id: string; code: string }[];
  /** What an issuance run issued, with the codes to print (staff only: the run is not public). */
  issued: { certificantId: string; certification: string; verificationCode: string }[];
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** The global position of the last event written, for `X-Min-Position` reads. */
  position: number | null;
}

/**
 * Fire-and-track: a run started by an endpoint, in this process, with its progress kept in
 * memory. The record of what it did is in the event store (the events it appended); a queue
 * processor can later take `work` as it is and report the same progress.
 */
export class Runs {
  private readonly runs = new Map<string, RunProgress>();
  private readonly pending = new Set<Promise<void>>();

  start(kind: string, cycle: string, work: (progress: RunProgress) => Promise<void>): RunProgress {
    const progress: RunProgress = {
      jobId: randomUUID(),
      kind,
      cycle,
      state: 'running',
      total: null,
      done: 0,
      changed: 0,
      refused: [],
      issued: [],
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
      position: null,
    };
    this.runs.set(progress.jobId, progress);
    const promise = work(progress).then(
      () => {
        progress.state = 'completed';
      },
      (error: unknown) => {
        progress.state = 'failed';
        progress.error = error instanceof Error ? error.message : String(error);
      },
    );
    const tracked = promise.finally(() => {
      progress.finishedAt = new Date().toISOString();
      this.pending.delete(tracked);
    });
    this.pending.add(tracked);
    return progress;
  }

  get(jobId: string, kind?: string): RunProgress {
    const run = this.runs.get(jobId);
    if (!run || (kind && !run.kind.startsWith(kind))) throw new NotFoundException({ code: 'RUN_NOT_FOUND', message: `There is no run ${jobId}.` });
    return { ...run, refused: [...run.refused], issued: [...run.issued] };
  }

  /** Waits for the runs under way (at shutdown, so no run is cut off by the pool closing). */
  async settle(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
