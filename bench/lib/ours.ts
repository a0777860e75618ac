// TEMPORARY STUB until libs/event-store exports its factory.
import type { Pool } from 'pg';
import { RawContender } from './raw';
import type { Contender, StreamEvents } from './contender';
import type { BenchEvent } from './payload';
export class OursContender implements Contender {
  readonly name = 'ours' as const;
  private constructor(private readonly inner: Contender) {}
  static async create(pool: Pool): Promise<OursContender> {
    return new OursContender(await RawContender.create(pool, [], 'bench_stub'));
  }
  extraIndexDdl(): string[] { return []; }
  appendOne(s: string, r: number, e: BenchEvent): Promise<void> { return this.inner.appendOne(s, r, e); }
  appendBatch(i: StreamEvents[]): Promise<void> { return this.inner.appendBatch(i); }
  seed(i: StreamEvents[]): Promise<void> { return this.inner.seed(i); }
  readAll(p: number, m: number, v: (d: unknown) => void): Promise<number> { return this.inner.readAll(p, m, v); }
  close(): Promise<void> { return Promise.resolve(); }
}
