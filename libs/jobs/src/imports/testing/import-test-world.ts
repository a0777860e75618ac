import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  certificantDecider,
  certificantStream,
  cycleDecider,
  cycleStream,
  fold,
  type CertificantEvent,
  type CycleEvent,
  type CycleState,
  type CycleStatus,
} from '@recert/domain';
import { PostgresEventStore, type RecordedEvent } from '@recert/event-store';
import { InMemoryCertificantDirectory } from '../certificant-directory';
import type { ImportDeps } from '../run-import';
import { cycleStatusOfRecords, previousCycleOf } from '@recert/domain';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TODAY = '2025-06-15';
export const CYCLE = '2024-2026';

export interface Person {
  certificantId: string;
  email: string;
  memberId?: string;
  /** CSCS, held (documents received). */
  earnedOn?: string;
}

/**
 * A schema of its own on the real PostgreSQL, the certificants written as their events, and the
 * directory as a lookup table of the same people (the certificant-search read model's stand-in).
 */
export class ImportTestWorld {
  readonly directory = new InMemoryCertificantDirectory();
  readonly deps: ImportDeps;

  private constructor(
    readonly store: PostgresEventStore,
    private readonly admin: Pool,
    readonly schema: string,
  ) {
    this.deps = { store, directory: this.directory, clock: { now: () => new Date(`${TODAY}T12:00:00Z`), today: () => TODAY } };
  }

  static async create(): Promise<ImportTestWorld> {
    const schema = `import_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
    const store = await PostgresEventStore.create({ connectionString: DATABASE_URL, schema, poolConfig: { max: 8 }, listen: false });
    return new ImportTestWorld(store, admin, schema);
  }

  async register(people: Person[]): Promise<void> {
    for (let i = 0; i < people.length; i += 200) {
      await this.store.appendBatch(
        people.slice(i, i + 200).map((p) => ({
          streamId: certificantStream(p.certificantId),
          events: [
            {
              type: 'CertificantRegistered',
              data: { certificantId: p.certificantId, firstName: 'Test', lastName: p.certificantId, email: p.email, memberId: p.memberId ?? null, registeredOn: '2014-01-01' },
            },
            { type: 'CertificationEarned', data: { certificantId: p.certificantId, certification: 'CSCS', earnedOn: p.earnedOn ?? '2015-05-01', recordedOn: '2015-05-02' } },
            {
              type: 'CertificationDocumentsReceived',
              data: { certificantId: p.certificantId, certification: 'CSCS', documents: ['transcript'], receivedOn: '2015-05-03' },
            },
          ],
          options: { expectedRevision: 'no_stream' as const },
        })),
      );
    }
    for (const p of people) this.directory.add({ certificantId: p.certificantId, email: p.email, memberId: p.memberId ?? null });
  }

  async cycleState(certificantId: string, cycle = CYCLE): Promise<CycleState> {
    const events = await this.store.readStream(cycleStream(certificantId, cycle));
    return fold(cycleDecider, events.map((e) => ({ type: e.type, data: e.data }) as CycleEvent));
  }

  /** `cycleStatus` over the folded streams, as of today. */
  async status(certificantId: string, cycle = CYCLE): Promise<CycleStatus> {
    const certificant = fold(
      certificantDecider,
      (await this.store.readStream(certificantStream(certificantId))).map((e) => ({ type: e.type, data: e.data }) as CertificantEvent),
    );
    const previous = previousCycleOf(cycle);
    return cycleStatusOfRecords(
      {
        cycle,
        certificant,
        own: await this.cycleState(certificantId, cycle),
        merged: [],
        previous: previous ? await this.cycleState(certificantId, previous) : null,
        audit: null,
      },
      TODAY,
    );
  }

  /** Reported CEUs of the CSCS, in tenths (duplicates and withdrawn activities excluded by `cycleStatus`). */
  async reportedTenths(certificantId: string, cycle = CYCLE): Promise<number> {
    return (await this.status(certificantId, cycle)).certifications[0]?.reportedTenths ?? 0;
  }

  /**
   * Every event in this schema, in position order, read from the table itself: `readAll` stops at
   * the oldest transaction still open anywhere on the server (its commit-safe frontier), and
   * other suites running beside this one keep transactions open.
   */
  async allEvents(): Promise<Pick<RecordedEvent, 'streamId' | 'type' | 'data' | 'metadata'>[]> {
    const { rows } = await this.admin.query<{ streamId: string; type: string; data: unknown; metadata: RecordedEvent['metadata'] }>(
      `SELECT stream_id AS "streamId", type, data, metadata FROM ${this.schema}.events ORDER BY global_position`,
    );
    return rows;
  }

  async drop(): Promise<void> {
    await this.store.close();
    try {
      await this.admin.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
    } finally {
      await this.admin.end();
    }
  }
}
