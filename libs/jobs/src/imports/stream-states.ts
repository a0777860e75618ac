import {
  certificantDecider,
  certificantStream,
  cycleDecider,
  cycleStream,
  fold,
  type CertificantEvent,
  type CertificantState,
  type CycleEvent,
  type CycleName,
  type CycleState,
} from '@recert/domain';
import type { EventStore } from '@recert/event-store';

/** Stream reads in flight at once while warming the cache (a share of the app's pool of 10). */
const READ_CONCURRENCY = 6;

export interface Folded<S> {
  state: S;
  /** -1 when the stream does not exist. */
  revision: number;
}

/**
 * Folded certificant and cycle streams, read once and reused across rows and batches. After a
 * batch commits, the runner puts back the states it evolved, so the cache stays what the store
 * holds (a read started before, for the next batch, never replaces a newer revision); a
 * concurrent writer is caught by the expected revision of the next append, which then clears
 * the cache. Bounded: past `limit` entries it starts again (a dry run passes Infinity,
 * since its simulated writes exist nowhere else).
 */
export class StreamStates {
  private readonly certificants = new Map<string, Folded<CertificantState>>();
  private readonly cycles = new Map<string, Folded<CycleState>>();

  constructor(
    private readonly store: EventStore,
    private readonly limit: number,
  ) {}

  peekCertificant(certificantId: string): Folded<CertificantState> | undefined {
    return this.certificants.get(certificantId);
  }

  peekCycle(streamId: string): Folded<CycleState> | undefined {
    return this.cycles.get(streamId);
  }

  async certificant(certificantId: string): Promise<Folded<CertificantState>> {
    const known = this.certificants.get(certificantId);
    if (known) return known;
    const events = await this.store.readStream(certificantStream(certificantId));
    const folded = { state: fold(certificantDecider, events.map((e) => ({ type: e.type, data: e.data }) as CertificantEvent)), revision: events.length - 1 };
    this.room(this.certificants);
    this.certificants.set(certificantId, folded);
    return folded;
  }

  async cycle(certificantId: string, cycle: CycleName): Promise<Folded<CycleState>> {
    const streamId = cycleStream(certificantId, cycle);
    const known = this.cycles.get(streamId);
    if (known) return known;
    const events = await this.store.readStream(streamId);
    const folded = { state: fold(cycleDecider, events.map((e) => ({ type: e.type, data: e.data }) as CycleEvent)), revision: events.length - 1 };
    // A read of the next batch can finish after this batch put back a newer state: keep the newer.
    const newer = this.cycles.get(streamId);
    if (newer && newer.revision >= folded.revision) return newer;
    this.room(this.cycles);
    this.cycles.set(streamId, folded);
    return folded;
  }

  /**
   * Reads the certificant streams not held yet, several at a time: a batch's reads overlap
   * instead of waiting one row after another. Only warms the cache; `certificant()` still reads
   * whatever is missing.
   */
  async loadCertificants(certificantIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(certificantIds)].filter((id) => !this.certificants.has(id));
    await inParallel(missing, READ_CONCURRENCY, (id) => this.certificant(id));
  }

  /** The same for cycle streams, given as [certificantId, cycle]. */
  async loadCycles(keys: Iterable<readonly [string, CycleName]>): Promise<void> {
    const unique = new Map<string, readonly [string, CycleName]>();
    for (const key of keys) {
      const streamId = cycleStream(key[0], key[1]);
      if (!this.cycles.has(streamId)) unique.set(streamId, key);
    }
    await inParallel([...unique.values()], READ_CONCURRENCY, ([id, cycle]) => this.cycle(id, cycle));
  }

  putCycle(streamId: string, folded: Folded<CycleState>): void {
    this.cycles.set(streamId, folded);
  }

  clear(): void {
    this.certificants.clear();
    this.cycles.clear();
  }

  private room(map: Map<string, unknown>): void {
    if (map.size >= this.limit) map.clear();
  }
}

async function inParallel<T>(items: T[], limit: number, read: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await read(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
