import {
  evolveImport,
  importStream,
  initialImportState,
  type CycleName,
  type ImportEvent,
  type ImportKind,
  type ImportReverted,
  type ImportState,
  type RowOutcome,
} from '@recert/domain';
import type { EventStore } from '@recert/event-store';

const NONE = 0;
const ACCEPTED = 1;
const DUPLICATE = 2;
const REJECTED = 3;

export interface ImportTotals {
  totalRows: number;
  processedRows: number;
  acceptedRows: number;
  duplicateRows: number;
  rejectedRows: number;
}

export interface AcceptedActivity {
  row: number;
  certificantId: string;
  cycle: CycleName;
  activityId: string;
}

/**
 * The `import-<id>` stream folded compactly: one byte per row instead of `ImportState.rows`
 * (whose `evolveImport` copies the whole record at every event, quadratic over 50,000 rows).
 * Each event still goes through the domain's `evolveImport`, applied to a state with no rows so
 * it returns only the row it adds; decisions get `stateFor(row)`, which holds all the decider
 * reads for that row.
 */
export class ImportLedger {
  status: ImportState['status'] = 'none';
  kind: ImportKind | null = null;
  totalRows = 0;
  /** The stream's revision: every batch appends at exactly this revision. */
  revision = -1;
  private outcomes = new Uint8Array(0);
  private counts = [0, 0, 0, 0];
  readonly rejections: { row: number; code: string; message: string }[] = [];
  /** Kept only when asked (the revert needs them). */
  readonly accepted: AcceptedActivity[] | null;
  /** The revert, once recorded: the activities it withdraws (a rerun finishes them). */
  reverted: ImportReverted['data'] | null = null;

  constructor(
    readonly importId: string,
    options: { keepAccepted?: boolean } = {},
  ) {
    this.accepted = options.keepAccepted ? [] : null;
  }

  static async load(store: EventStore, importId: string, options: { keepAccepted?: boolean } = {}): Promise<ImportLedger> {
    const ledger = new ImportLedger(importId, options);
    await ledger.catchUp(store);
    return ledger;
  }

  /** Applies what was appended since this ledger last read (another runner, or our own lost answer). */
  async catchUp(store: EventStore): Promise<void> {
    const events = await store.readStream(importStream(this.importId), this.revision + 1);
    for (const event of events) this.apply({ type: event.type, data: event.data } as ImportEvent);
  }

  apply(event: ImportEvent): void {
    const next = evolveImport({ status: this.status, importId: this.importId, kind: this.kind, totalRows: this.totalRows, rows: {} }, event);
    this.revision++;
    if (event.type === 'ImportReverted') this.reverted = event.data;
    this.status = next.status;
    this.kind = next.kind;
    if (next.totalRows !== this.totalRows) {
      const grown = new Uint8Array(next.totalRows + 1);
      grown.set(this.outcomes.subarray(0, Math.min(this.outcomes.length, grown.length)));
      this.outcomes = grown;
      this.totalRows = next.totalRows;
    }
    for (const [key, outcome] of Object.entries(next.rows)) this.record(Number(key), outcome);
  }

  has(row: number): boolean {
    return row < this.outcomes.length && this.outcomes[row] !== NONE;
  }

  /** All the import decider reads when deciding about `row`. */
  stateFor(row: number): ImportState {
    const rows: ImportState['rows'] = {};
    if (this.has(row)) rows[row] = placeholder(this.outcomes[row]);
    return { status: this.status, importId: this.importId, kind: this.kind, totalRows: this.totalRows, rows };
  }

  /** The whole state, rows as placeholders of their outcome (for CompleteImport's totals); built once. */
  fullState(): ImportState {
    const rows: ImportState['rows'] = {};
    for (let row = 1; row < this.outcomes.length; row++) if (this.outcomes[row] !== NONE) rows[row] = placeholder(this.outcomes[row]);
    return { ...initialImportState, status: this.status, importId: this.importId, kind: this.kind, totalRows: this.totalRows, rows };
  }

  /** For RevertImport: the accepted rows with their activities (needs `keepAccepted`). */
  revertState(): ImportState {
    if (!this.accepted) throw new Error('The ledger was loaded without its accepted rows.');
    const rows: ImportState['rows'] = {};
    for (const { row, certificantId, cycle, activityId } of this.accepted) rows[row] = { outcome: 'accepted', certificantId, cycle, activityId };
    return { status: this.status, importId: this.importId, kind: this.kind, totalRows: this.totalRows, rows };
  }

  totals(): ImportTotals {
    const [, acceptedRows, duplicateRows, rejectedRows] = this.counts;
    return { totalRows: this.totalRows, processedRows: acceptedRows + duplicateRows + rejectedRows, acceptedRows, duplicateRows, rejectedRows };
  }

  private record(row: number, outcome: RowOutcome): void {
    if (this.has(row)) return;
    const code = outcome.outcome === 'accepted' ? ACCEPTED : outcome.outcome === 'duplicate' ? DUPLICATE : REJECTED;
    this.outcomes[row] = code;
    this.counts[code]++;
    if (outcome.outcome === 'rejected') this.rejections.push({ row, code: outcome.code, message: outcome.message });
    if (outcome.outcome === 'accepted' && this.accepted) {
      this.accepted.push({ row, certificantId: outcome.certificantId, cycle: outcome.cycle, activityId: outcome.activityId });
    }
  }
}

function placeholder(code: number): RowOutcome {
  if (code === ACCEPTED) return { outcome: 'accepted', certificantId: '', cycle: '', activityId: '' };
  if (code === DUPLICATE) return { outcome: 'duplicate', duplicateOf: '' };
  return { outcome: 'rejected', code: '', message: '' };
}
