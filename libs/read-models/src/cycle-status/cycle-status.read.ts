import { previousCycleOf, type CycleName, type CycleRecords, type CycleState } from '@recert/domain';
import type { DataSource } from 'typeorm';
import { namedQuery } from '../data-source';
import { cycleRecordsFrom, cycleRowLookup } from './cycle-records';
import type { CycleStatusCertificantRow, CycleStatusCycleRow } from './cycle-status.entities';

export interface CycleStatusRecord {
  certificant: CycleStatusCertificantRow | null;
  /** Null when no event of the cycle has been projected yet. */
  cycle: CycleStatusCycleRow | null;
  /** What the domain judges the cycle on (`cycleStatusOfRecords`); null without a certificant row. */
  records: CycleRecords | null;
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
 * accounts merged into it (usually none). A named statement: each pool connection plans it once
 * (planning took about three times as long as running it, warm).
 */
export async function readCycleStatusRecord(dataSource: DataSource, certificantId: string, cycle: CycleName): Promise<CycleStatusRecord> {
  const previousCycle = previousCycleOf(cycle);
  const { rows } = await namedQuery<Row>(
    dataSource,
    'recert-cycle-status-record',
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
  if (!first) return { certificant: null, cycle: null, records: null };
  const found = rows.flatMap((row) =>
    row.certificant_id === null ? [] : [{ certificantId: row.certificant_id, cycle: row.cycle!, state: row.state!, lastRevision: row.last_revision!, audit: row.audit, asOf: row.as_of }],
  );
  return {
    certificant: { certificantId, state: first.certificant_state, lastRevision: first.certificant_revision },
    cycle: found.find((row) => row.certificantId === certificantId && row.cycle === cycle) ?? null,
    records: cycleRecordsFrom(first.certificant_state, certificantId, cycle, cycleRowLookup(found)),
  };
}
