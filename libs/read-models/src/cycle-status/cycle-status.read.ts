import { initialCycleState, previousCycleOf, type CycleName, type CycleRecords, type CycleState } from '@recert/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { CycleStatusCertificantRow, CycleStatusCycleRow } from './cycle-status.entities';

export interface CycleStatusRecord {
  certificant: CycleStatusCertificantRow | null;
  /** Null when no event of the cycle has been projected yet. */
  cycle: CycleStatusCycleRow | null;
  /** The previous cycle's folded state (D2.3 `countsFrom`); null without a row. */
  previous: CycleState | null;
  /** The same cycle of the certificant's merged duplicates (D1.3), in the order they were merged. */
  merged: CycleState[];
}

interface Row {
  certificant_state: CycleStatusCertificantRow['state'];
  certificant_revision: number;
  certificant_id: string | null;
  cycle: string | null;
  state: CycleState | null;
  last_revision: number | null;
  audit: CycleStatusCycleRow['audit'];
  as_of: string | null;
}

/**
 * What `GET /certificants/:id/cycles/:cycle` judges, in one query on primary keys (no N+1): the
 * certificant's row, its row of the cycle and of the previous cycle, and the cycle's rows of the
 * accounts merged into it (usually none).
 */
export async function readCycleStatusRecord(db: DataSource | EntityManager, certificantId: string, cycle: CycleName): Promise<CycleStatusRecord> {
  const previousCycle = previousCycleOf(cycle);
  const rows: Row[] = await db.query(
    `SELECT p.state AS certificant_state, p.last_revision AS certificant_revision,
            c.certificant_id, c.cycle, c.state, c.last_revision, c.audit, c.as_of
       FROM cycle_status_certificants p
       LEFT JOIN LATERAL (
         SELECT certificant_id, cycle, state, last_revision, audit, as_of FROM cycle_status_cycles
          WHERE certificant_id = p.certificant_id AND cycle = ANY($2::text[])
         UNION ALL
         SELECT certificant_id, cycle, state, last_revision, audit, as_of FROM cycle_status_cycles
          WHERE cycle = $3 AND certificant_id IN (SELECT jsonb_array_elements_text(p.state -> 'mergedDuplicates'))
       ) c ON true
      WHERE p.certificant_id = $1`,
    [certificantId, previousCycle ? [cycle, previousCycle] : [cycle], cycle],
  );
  const first = rows[0];
  if (!first) return { certificant: null, cycle: null, previous: null, merged: [] };
  const own = rows.find((row) => row.certificant_id === certificantId && row.cycle === cycle);
  return {
    certificant: { certificantId, state: first.certificant_state, lastRevision: first.certificant_revision },
    cycle: own ? { certificantId, cycle, state: own.state!, lastRevision: own.last_revision!, audit: own.audit, asOf: own.as_of } : null,
    previous: rows.find((row) => row.certificant_id === certificantId && row.cycle === previousCycle)?.state ?? null,
    // In the order of the merges, as the projector joins them (the order of activities can matter to caps).
    merged: first.certificant_state.mergedDuplicates.map(
      (duplicate) => rows.find((row) => row.certificant_id === duplicate && row.cycle === cycle)?.state ?? initialCycleState,
    ),
  };
}

/** The records the domain judges the cycle on (`cycleStatusOfRecords`); null without a certificant row. */
export function cycleRecordsOf(record: CycleStatusRecord, cycle: CycleName): CycleRecords | null {
  if (!record.certificant) return null;
  return {
    cycle,
    certificant: record.certificant.state,
    own: record.cycle?.state ?? initialCycleState,
    merged: record.merged,
    previous: record.previous,
    audit: record.cycle?.audit ?? null,
  };
}
