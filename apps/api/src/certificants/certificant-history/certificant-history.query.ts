import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@recert/event-store';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, EVENT_STORE } from '../../database/tokens';
import { CertificantProfileQuery } from '../certificant-profile/certificant-profile.query';
import { registeredCertificant } from '../certificant-streams';

interface HistoryRow {
  global_position: string;
  certificant_id: string;
  stream_id: string;
  type: string;
  occurred_at: string;
  recorded_at: string;
  actor: unknown;
  summary: string;
}

/**
 * `GET /certificants/:id/history` from the history read model, oldest first. A survivor's
 * timeline holds the events of every account merged into it (D1.3).
 */
@Injectable()
export class CertificantHistoryQueryService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly profiles: CertificantProfileQuery,
  ) {}

  async history(certificantId: string, page: { limit: number; cursor?: string }) {
    const { state } = await registeredCertificant(this.store, certificantId);
    const accounts = [certificantId, ...(await this.profiles.mergedAccounts(state.mergedDuplicates))];
    const rows: HistoryRow[] = await this.dataSource.query(
      `SELECT h.global_position::text AS global_position, h.certificant_id, h.stream_id, h.type, h.occurred_at, h.recorded_at, h.actor, h.summary
         FROM certificant_history h
        WHERE h.certificant_id = ANY($1) AND h.global_position > $2
        ORDER BY h.global_position LIMIT $3`,
      [accounts, page.cursor ?? '0', page.limit + 1],
    );
    const items = rows.slice(0, page.limit);
    return {
      items: items.map((row) => ({
        position: Number(row.global_position),
        type: row.type,
        occurredAt: row.occurred_at,
        recordedAt: row.recorded_at,
        actor: row.actor,
        summary: row.summary,
        certificantId: row.certificant_id,
        streamId: row.stream_id,
      })),
      nextCursor: rows.length > page.limit ? items[items.length - 1]!.global_position : null,
    };
  }
}
