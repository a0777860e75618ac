import type { BusinessDate, CycleName } from '../shared/types';

/** Stream `import-<id>`: a batch import's whole story (architecture.md, Jobs). */
export const importStream = (importId: string) => `import-${importId}`;

export const IMPORT_KINDS = ['event-attendance', 'volunteer', 'publication', 'quiz', 'activities'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ImportStarted = {
  type: 'ImportStarted';
  data: { importId: string; kind: ImportKind; totalRows: number; fileName: string | null; startedOn: BusinessDate; startedBy: string };
};
export type ImportRowAccepted = {
  type: 'ImportRowAccepted';
  data: { importId: string; row: number; certificantId: string; cycle: CycleName; activityId: string };
};
export type ImportRowRejected = {
  type: 'ImportRowRejected';
  data: { importId: string; row: number; code: string; message: string };
};
/** D3.16: the row names an activity already on record (same external reference or same event). */
export type ImportRowMarkedDuplicate = {
  type: 'ImportRowMarkedDuplicate';
  data: { importId: string; row: number; certificantId: string; duplicateOf: string; reason: string };
};
export type ImportCompleted = {
  type: 'ImportCompleted';
  data: { importId: string; completedOn: BusinessDate; totalRows: number; acceptedRows: number; duplicateRows: number; rejectedRows: number };
};
/** The activities to withdraw, each on its cycle stream (the handler appends ActivityWithdrawn). */
export type ImportReverted = {
  type: 'ImportReverted';
  data: {
    importId: string;
    reason: string;
    revertedOn: BusinessDate;
    revertedBy: string;
    activities: { certificantId: string; cycle: CycleName; activityId: string }[];
  };
};

export type ImportEvent =
  | ImportStarted
  | ImportRowAccepted
  | ImportRowRejected
  | ImportRowMarkedDuplicate
  | ImportCompleted
  | ImportReverted;

export const IMPORT_EVENT_VERSIONS: Record<ImportEvent['type'], number> = {
  ImportStarted: 1,
  ImportRowAccepted: 1,
  ImportRowRejected: 1,
  ImportRowMarkedDuplicate: 1,
  ImportCompleted: 1,
  ImportReverted: 1,
};
