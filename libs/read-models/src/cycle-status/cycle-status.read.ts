import type { DataSource, EntityManager } from 'typeorm';
import type { CycleStatusCertificantRow, CycleStatusCycleRow } from './cycle-status.entities';

export interface CycleStatusRecord {
  certificant: CycleStatusCertificantRow | null;
  /** Null when no event of the cycle has been projected yet. */
  cycle: CycleStatusCycleRow | null;
}

/**
 * What `GET /certificants/:id/cycles/:cycle` judges: the certificant's row and the cycle's, in one
 * query on the two primary keys (no N+1; EXPLAIN: two index scans under a nested loop).
 */
export async function readCycleStatusRecord(
  db: DataSource | EntityManager,
  certificantId: string,
  cycle: string,
): Promise<CycleStatusRecord> {
  const rows: Array<{
    certificant_state: CycleStatusCertificantRow['state'];
    certificant_revision: number;
    cycle: string | null;
    state: CycleStatusCycleRow['state'] | null;
    last_revision: number | null;
    audit: CycleStatusCycleRow['audit'];
    facts: CycleStatusCycleRow['facts'];
    as_of: string | null;
  }> = await db.query(
    `SELECT p.state AS certificant_state, p.last_revision AS certificant_revision,
            c.cycle, c.state, c.last_revision, c.audit, c.facts, c.as_of
       FROM cycle_status_certificants p
       LEFT JOIN cycle_status_cycles c ON c.certificant_id = p.certificant_id AND c.cycle = $2
      WHERE p.certificant_id = $1`,
    [certificantId, cycle],
  );
  const row = rows[0];
  if (!row) return { certificant: null, cycle: null };
  return {
    certificant: { certificantId, state: row.certificant_state, lastRevision: row.certificant_revision },
    cycle:
      row.cycle === null
        ? null
        : { certificantId, cycle: row.cycle, state: row.state!, lastRevision: row.last_revision!, audit: row.audit, facts: row.facts, asOf: row.as_of },
  };
}
