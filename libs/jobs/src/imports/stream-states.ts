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
import type { EventStore, RecordedEvent } from '@recert/event-store';

/**
 * Streams asked of the store in one `readStreams` query while warming the cache: a batch of 500
 * rows needs about 1,000 cycle streams (own, previous cycle), so one or two queries.
 */
const STREAMS_PER_READ = 1_000;

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
    return this.certificants.get(certificantId) ?? this.keepCertificant(certificantId, await this.store.readStream(certificantStream(certificantId)));
  }

  async cycle(certificantId: string, cycle: CycleName): Promise<Folded<CycleState>> {
    const streamId = cycleStream(certificantId, cycle);
    return this.cycles.get(streamId) ?? this.keepCycle(streamId, await this.store.readStream(streamId));
  }

  /**
   * Reads the certificant streams not held yet, up to STREAMS_PER_READ per query (a batch's
   * certificants in one round trip instead of one each). Only warms the cache;
   * `certificant()` still reads whatever is missing.
   */
  async loadCertificants(certificantIds: Iterable<string>): Promise<void> {
    const missing = new Map<string, string>();
    for (const id of certificantIds) if (!this.certificants.has(id)) missing.set(certificantStream(id), id);
    await this.readMany([...missing.keys()], (streamId, events) => this.keepCertificant(missing.get(streamId)!, events));
  }

  /** The same for cycle streams, given as [certificantId, cycle]. */
  async loadCycles(keys: Iterable<readonly [string, CycleName]>): Promise<void> {
    const missing = new Set<string>();
    for (const [id, cycle] of keys) {
      const streamId = cycleStream(id, cycle);
      if (!this.cycles.has(streamId)) missing.add(streamId);
    }
    await this.readMany([...missing], (streamId, events) => this.keepCycle(streamId, events));
  }

  putCycle(streamId: string, folded: Folded<CycleState>): void {
    this.cycles.set(streamId, folded);
  }

  clear(): void {
    this.certificants.clear();
    this.cycles.clear();
  }

  private async readMany(streamIds: string[], keep: (streamId: string, events: RecordedEvent[]) => unknown): Promise<void> {
    for (let i = 0; i < streamIds.length; i += STREAMS_PER_READ) {
      const reads = await this.store.readStreams(streamIds.slice(i, i + STREAMS_PER_READ));
      for (const [streamId, { events }] of reads) keep(streamId, events);
    }
  }

  private keepCertificant(certificantId: string, events: RecordedEvent[]): Folded<CertificantState> {
    const folded = { state: fold(certificantDecider, events.map((e) => ({ type: e.type, data: e.data }) as CertificantEvent)), revision: events.length - 1 };
    this.room(this.certificants);
    this.certificants.set(certificantId, folded);
    return folded;
  }

  private keepCycle(streamId: string, events: RecordedEvent[]): Folded<CycleState> {
    const folded = { state: fold(cycleDecider, events.map((e) => ({ type: e.type, data: e.data }) as CycleEvent)), revision: events.length - 1 };
    // A read of the next batch can finish after this batch put back a newer state: keep the newer.
    const newer = this.cycles.get(streamId);
    if (newer && newer.revision >= folded.revision) return newer;
    this.room(this.cycles);
    this.cycles.set(streamId, folded);
    return folded;
  }

  private room(map: Map<string, unknown>): void {
    if (map.size >= this.limit) map.clear();
  }
}
