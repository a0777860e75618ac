import type { EventStore } from '@recert/event-store';
import { ImportLedger, type ImportTotals } from './import-ledger';

/** `GET /imports/:importId` (api.md): the import's story as its stream tells it, so it survives a Redis flush. */
export interface ImportStatus extends ImportTotals {
  importId: string;
  status: 'running' | 'completed' | 'reverted';
  kind: string | null;
  rejections: { row: number; code: string; message: string }[];
}

/** Null when no import has this id. */
export async function importStatus(store: EventStore, importId: string): Promise<ImportStatus | null> {
  const ledger = await ImportLedger.load(store, importId);
  if (ledger.status === 'none') return null;
  return {
    importId,
    status: ledger.status,
    kind: ledger.kind,
    ...ledger.totals(),
    rejections: [...ledger.rejections].sort((a, b) => a.row - b.row),
  };
}
