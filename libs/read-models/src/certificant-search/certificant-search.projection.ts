import {
  CERTIFICANT_EVENT_VERSIONS,
  evolveCertificant,
  initialCertificantState,
  type CertificantEvent,
  type CertificantState,
  type CertificationOnAccount,
} from '@recert/domain';
import type { RecordedEvent } from '@recert/event-store';
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Projection } from '../projection';
import { BatchRows, RowTable } from '../row-table';

/**
 * One row per certificant (api.md `GET /certificants`): who they are, the certifications on the
 * account, and where a merged duplicate went. `searchText` is the lower-cased name, email and
 * member id, plus those of every account merged into this one, so a duplicate's email still
 * finds the person who survived it.
 */
export interface CertificantSearchRow {
  certificantId: string;
  firstName: string;
  lastName: string;
  email: string;
  memberId: string | null;
  /** Sort order of the list: last name, first name, lower-cased. */
  sortKey: string;
  searchText: string;
  certifications: CertificationOnAccount[];
  mergedInto: string | null;
  /** The folded certificant stream; the domain's `evolveCertificant` keeps the certifications (D1.2, D1.3). */
  state: CertificantState;
  lastRevision: number;
}

const PK = 'PK_certificant_search';

export const CertificantSearchEntity = new EntitySchema<CertificantSearchRow>({
  name: 'CertificantSearch',
  tableName: 'certificant_search',
  columns: {
    certificantId: { name: 'certificant_id', type: 'text', primary: true, primaryKeyConstraintName: PK },
    firstName: { name: 'first_name', type: 'text' },
    lastName: { name: 'last_name', type: 'text' },
    email: { type: 'text' },
    memberId: { name: 'member_id', type: 'text', nullable: true },
    sortKey: { name: 'sort_key', type: 'text' },
    searchText: { name: 'search_text', type: 'text' },
    certifications: { type: 'jsonb' },
    mergedInto: { name: 'merged_into', type: 'text', nullable: true },
    state: { type: 'jsonb' },
    lastRevision: { name: 'last_revision', type: 'integer' },
  },
});

export class CertificantSearchTable1764300000000 implements MigrationInterface {
  name = 'CertificantSearchTable1764300000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE certificant_search (
      certificant_id text CONSTRAINT "${PK}" PRIMARY KEY,
      first_name text NOT NULL, last_name text NOT NULL, email text NOT NULL, member_id text,
      sort_key text NOT NULL, search_text text NOT NULL, certifications jsonb NOT NULL,
      merged_into text, state jsonb NOT NULL, last_revision integer NOT NULL)`);
    await runner.query(
      'CREATE INDEX "IDX_certificant_search_sort" ON certificant_search (sort_key, certificant_id) WHERE merged_into IS NULL',
    );
    // `q` matches anywhere in the text: a trigram index serves that where pg_trgm can be created
    // (PostgreSQL); the embedded PGlite has no pg_trgm loaded and scans instead. The operator
    // class is named with its schema: the extension may live outside this schema's search_path.
    await runner.query(`DO $$ DECLARE ops text; BEGIN
      BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public; EXCEPTION WHEN others THEN NULL; END;
      SELECT quote_ident(n.nspname) || '.gin_trgm_ops' INTO ops
        FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace JOIN pg_am a ON a.oid = c.opcmethod
       WHERE c.opcname = 'gin_trgm_ops' AND a.amname = 'gin' LIMIT 1;
      IF ops IS NOT NULL THEN
        EXECUTE format('CREATE INDEX "IDX_certificant_search_text" ON certificant_search USING gin (search_text %s)', ops);
      END IF;
    END $$`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE certificant_search');
  }
}

const HANDLED = new Set<string>(Object.keys(CERTIFICANT_EVENT_VERSIONS));

export function searchTextOf(parts: Array<string | null | undefined>): string {
  return parts
    .filter((part): part is string => !!part)
    .map((part) => part.trim().toLowerCase())
    .join(' ');
}

/**
 * Pure. `duplicate` is the merged-away account's row, for AccountsMerged on the survivor's stream.
 * An event at or below the row's revision changes nothing, so a replayed batch is harmless.
 */
export function projectCertificantSearch(
  row: CertificantSearchRow | null,
  recorded: RecordedEvent,
  duplicate: CertificantSearchRow | null = null,
): CertificantSearchRow | null {
  if (row && recorded.streamRevision <= row.lastRevision) return row;
  const event = { type: recorded.type, data: recorded.data } as CertificantEvent;
  const lastRevision = recorded.streamRevision;
  if (event.type === 'CertificantRegistered') {
    const d = event.data;
    const state = evolveCertificant(initialCertificantState, event);
    return {
      certificantId: d.certificantId,
      firstName: d.firstName,
      lastName: d.lastName,
      email: d.email,
      memberId: d.memberId,
      sortKey: searchTextOf([d.lastName, d.firstName]),
      searchText: searchTextOf([`${d.firstName} ${d.lastName}`, d.email, d.memberId]),
      certifications: state.certifications,
      mergedInto: null,
      state,
      lastRevision,
    };
  }
  if (!row) throw new Error(`${event.type} on ${recorded.streamId} before its CertificantRegistered`);
  const state = evolveCertificant(row.state, event);
  const joinsDuplicate = event.type === 'AccountsMerged' && event.data.survivorId === row.certificantId && duplicate;
  return {
    ...row,
    certifications: state.certifications,
    mergedInto: state.mergedInto,
    searchText: joinsDuplicate ? `${row.searchText} ${duplicate.searchText}` : row.searchText,
    state,
    lastRevision,
  };
}

const certificantIdOf = (recorded: RecordedEvent) => recorded.streamId.slice('certificant-'.length);
const CERTIFICANT_SEARCH = new RowTable(CertificantSearchEntity);

/** The merged-away account's key, for AccountsMerged on the survivor's own stream. */
function duplicateOf(recorded: RecordedEvent): Array<{ certificantId: string }> {
  if (recorded.type !== 'AccountsMerged') return [];
  const { survivorId, duplicateId } = recorded.data as { survivorId: string; duplicateId: string };
  return survivorId === certificantIdOf(recorded) ? [{ certificantId: duplicateId }] : [];
}

export const certificantSearchProjection: Projection = {
  name: 'certificant_search',
  version: 1,
  tables: [CertificantSearchEntity],
  handles: (type) => HANDLED.has(type),
  async apply(events, manager) {
    const rows = new BatchRows(CERTIFICANT_SEARCH, manager);
    const mine = events.filter((event) => event.streamId.startsWith('certificant-'));
    // The survivor's AccountsMerged reads the duplicate's row as the events before it left it.
    await rows.load(mine.flatMap((event) => [{ certificantId: certificantIdOf(event) }, ...duplicateOf(event)]));
    for (const event of mine) {
      const certificantId = certificantIdOf(event);
      const row = rows.get({ certificantId });
      const [duplicateKey] = duplicateOf(event);
      const duplicate = duplicateKey ? rows.get(duplicateKey) : null;
      const next = projectCertificantSearch(row, event, duplicate);
      if (next && next !== row) rows.set(next);
    }
    await rows.save();
  },
};
