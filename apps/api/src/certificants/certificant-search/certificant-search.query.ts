import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { cycleOf, type CertificationOnAccount } from '@recert/domain';
import type { DataSource } from 'typeorm';
import { Clock } from '../../clock/clock';
import { DATA_SOURCE } from '../../database/tokens';

interface SearchFilter {
  q?: string;
  status?: string;
  certification?: string;
  cycle?: string;
  limit: number;
  cursor?: string;
}

interface SearchRow {
  certificant_id: string;
  first_name: string;
  last_name: string;
  email: string;
  member_id: string | null;
  sort_key: string;
  certifications: CertificationOnAccount[];
}

interface StatusRow {
  certificant_id: string;
  certification: string;
  status: string;
  required: boolean;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function encodeCursor(row: SearchRow): string {
  return Buffer.from(JSON.stringify([row.sort_key, row.certificant_id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) return value as [string, string];
  } catch {
    // answered below
  }
  throw new BadRequestException({ code: 'INVALID_CURSOR', message: 'cursor must be the nextCursor of an earlier page.' });
}

/**
 * `GET /certificants` from the certificant-search read model, joined at query time with the
 * cycle-status read model (`cycle_status`, one row per certificant, cycle and certification)
 * for `status` and `currentCycleStatus`. Merged duplicates are not listed: their survivor is,
 * and the duplicate's name, email and member id find it.
 */
@Injectable()
export class CertificantSearchQueryService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async search(filter: SearchFilter) {
    const cycle = filter.cycle ?? cycleOf(this.clock.today());
    const withStatus = await this.cycleStatusExists();
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['s.merged_into IS NULL'];
    if (filter.q) where.push(`s.search_text LIKE ${param(`%${escapeLike(filter.q.trim().toLowerCase())}%`)}`);
    if (filter.certification) where.push(`s.certifications @> ${param(JSON.stringify([{ certification: filter.certification }]))}::jsonb`);
    if (withStatus && (filter.status || filter.cycle)) {
      where.push(
        `EXISTS (SELECT 1 FROM cycle_status c WHERE c.certificant_id = s.certificant_id AND c.cycle = ${param(cycle)}` +
          (filter.status ? ` AND c.status = ${param(filter.status)})` : ')'),
      );
    }
    if (filter.cursor) {
      const [sortKey, id] = decodeCursor(filter.cursor);
      where.push(`(s.sort_key, s.certificant_id) > (${param(sortKey)}, ${param(id)})`);
    }
    const rows: SearchRow[] = await this.dataSource.query(
      `SELECT s.certificant_id, s.first_name, s.last_name, s.email, s.member_id, s.sort_key, s.certifications
         FROM certificant_search s WHERE ${where.join(' AND ')}
        ORDER BY s.sort_key, s.certificant_id LIMIT ${param(filter.limit + 1)}`,
      params,
    );
    const page = rows.slice(0, filter.limit);
    const statuses = withStatus ? await this.statusesOf(page.map((row) => row.certificant_id), cycle) : new Map<string, StatusRow[]>();
    return {
      items: page.map((row) => {
        const held = statuses.get(row.certificant_id);
        return {
          certificantId: row.certificant_id,
          name: `${row.first_name} ${row.last_name}`,
          email: row.email,
          memberId: row.member_id,
          certifications: row.certifications.map(({ certification, earnedOn, pending }) => ({ certification, earnedOn, pending })),
          currentCycleStatus: held
            ? { cycle, certifications: held.map(({ certification, status, required }) => ({ certification, status, required })) }
            : null,
        };
      }),
      nextCursor: rows.length > filter.limit ? encodeCursor(page[page.length - 1]!) : null,
    };
  }

  private async statusesOf(ids: string[], cycle: string): Promise<Map<string, StatusRow[]>> {
    const byCertificant = new Map<string, StatusRow[]>();
    if (ids.length === 0) return byCertificant;
    const rows: StatusRow[] = await this.dataSource.query(
      'SELECT certificant_id, certification, status, required FROM cycle_status WHERE cycle = $1 AND certificant_id = ANY($2) ORDER BY certification',
      [cycle, ids],
    );
    for (const row of rows) byCertificant.set(row.certificant_id, [...(byCertificant.get(row.certificant_id) ?? []), row]);
    return byCertificant;
  }

  // The cycle-status read model is registered by its own slice; until its table exists the list has no status.
  private async cycleStatusExists(): Promise<boolean> {
    const [row] = (await this.dataSource.query("SELECT to_regclass('cycle_status') IS NOT NULL AS present")) as Array<{ present: boolean }>;
    return row?.present === true;
  }
}
