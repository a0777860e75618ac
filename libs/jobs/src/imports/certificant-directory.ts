import type { Pool } from 'pg';

/** Every account a member id or an email names (an email may name several: never guessed). */
export interface DirectoryMatches {
  byMemberId: Map<string, string[]>;
  /** Keys lower-cased. */
  byEmail: Map<string, string[]>;
}

/**
 * How import rows find their certificant when they give no certificantId (api.md, "Import rows").
 * A certificantId is checked against the certificant's own stream, not here. Asked once per batch
 * of rows, so a 50,000-row file costs a hundred look-ups, not fifty thousand.
 */
export interface CertificantDirectory {
  lookup(query: { memberIds: string[]; emails: string[] }): Promise<DirectoryMatches>;
}

export interface DirectoryEntry {
  certificantId: string;
  memberId?: string | null;
  email?: string | null;
}

/** A lookup table in memory: for tests, the CLI's dry runs on a snapshot, and small tools. */
export class InMemoryCertificantDirectory implements CertificantDirectory {
  private readonly entries: DirectoryEntry[] = [];

  constructor(entries: DirectoryEntry[] = []) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: DirectoryEntry): void {
    this.entries.push({ ...entry, email: entry.email?.toLowerCase() ?? null });
  }

  async lookup(query: { memberIds: string[]; emails: string[] }): Promise<DirectoryMatches> {
    const byMemberId = new Map<string, string[]>();
    const byEmail = new Map<string, string[]>();
    for (const memberId of query.memberIds) byMemberId.set(memberId, this.entries.filter((e) => e.memberId === memberId).map((e) => e.certificantId));
    for (const email of query.emails) {
      const key = email.toLowerCase();
      byEmail.set(key, this.entries.filter((e) => e.email === key).map((e) => e.certificantId));
    }
    return { byMemberId, byEmail };
  }
}

export interface SqlDirectoryTable {
  /** Schema-qualified when needed, e.g. `certificant_search`. Trusted configuration, never user input. */
  table: string;
  certificantId: string;
  memberId: string;
  email: string;
  /** A boolean SQL condition keeping only live accounts (merged-away duplicates excluded), if the table has one. */
  liveCondition?: string;
}

/**
 * The certificant search read model's columns (libs/read-models/src/certificant-search). Merged
 * duplicates are kept: a row naming a duplicate's email reaches the survivor (the runner follows
 * `mergedInto`), and a duplicate and its survivor count as one account, not an ambiguity.
 */
export const CERTIFICANT_SEARCH_TABLE: SqlDirectoryTable = {
  table: 'certificant_search',
  certificantId: 'certificant_id',
  memberId: 'member_id',
  email: 'email',
};

/** The directory over a read-model table: two indexed `= ANY($1)` queries per batch of rows. */
export class SqlCertificantDirectory implements CertificantDirectory {
  constructor(
    private readonly pool: Pool,
    private readonly table: SqlDirectoryTable = CERTIFICANT_SEARCH_TABLE,
  ) {}

  async lookup(query: { memberIds: string[]; emails: string[] }): Promise<DirectoryMatches> {
    const t = this.table;
    const live = t.liveCondition ? ` AND (${t.liveCondition})` : '';
    const select = (column: string, key: string) =>
      `SELECT ${key} AS key, ${t.certificantId} AS certificant_id FROM ${t.table} WHERE ${column} = ANY($1::text[])${live}`;
    const [members, emails] = await Promise.all([
      query.memberIds.length > 0
        ? this.pool.query<{ key: string; certificant_id: string }>(select(t.memberId, t.memberId), [query.memberIds])
        : { rows: [] },
      query.emails.length > 0
        ? this.pool.query<{ key: string; certificant_id: string }>(select(`lower(${t.email})`, `lower(${t.email})`), [
            query.emails.map((e) => e.toLowerCase()),
          ])
        : { rows: [] },
    ]);
    return { byMemberId: group(members.rows, query.memberIds), byEmail: group(emails.rows, query.emails.map((e) => e.toLowerCase())) };
  }
}

function group(rows: { key: string; certificant_id: string }[], keys: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>(keys.map((key) => [key, []]));
  for (const row of rows) {
    const ids = map.get(row.key) ?? [];
    if (!ids.includes(row.certificant_id)) ids.push(row.certificant_id);
    map.set(row.key, ids);
  }
  return map;
}
