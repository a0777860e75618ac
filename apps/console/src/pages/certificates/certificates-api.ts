import { api, query, type Page } from '../../api/client';
import { cycleOf } from '../../lib/cycles';

/** api.md "Certificates": one certification of one certificant in a cycle, ready or why not. */
export interface ReadinessItem {
  certificantId: string;
  certification: string;
  status: string;
  ready: boolean;
  reasons: { code: string; message: string }[];
}

/** GET /certificates/runs/:jobId: how far an issuance run got. */
export interface IssuanceRun {
  jobId: string;
  kind: string;
  cycle: string;
  state: 'running' | 'completed' | 'failed';
  total: number | null;
  done: number;
  changed: number;
  refused: { id: string; code: string }[];
  issued: { certificantId: string; certification: string; verificationCode: string }[];
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  position: number | null;
}

/** GET /certificates/verify/:code: what anyone holding the code may see. */
export interface VerifiedCertificate {
  holder: string;
  certification: string;
  cycle: string;
  issuedOn: string;
  validThrough: string;
  withDistinction: boolean;
  status: 'valid' | 'expired';
  verificationCode: string;
}

export const READINESS_PAGE = 100;

export const certificateKeys = {
  all: ['certificates'] as const,
  readiness: (cycle: string) => ['certificates', 'readiness', cycle] as const,
  run: (jobId: string) => ['certificates', 'run', jobId] as const,
  verify: (code: string) => ['certificates', 'verify', code] as const,
};

export const readinessPage = (cycle: string, cursor: string | null) =>
  api.get<Page<ReadinessItem>>(`/certificates/readiness${query({ cycle, limit: READINESS_PAGE, cursor })}`);

export const issuanceRun = (jobId: string) => api.get<IssuanceRun>(`/certificates/runs/${encodeURIComponent(jobId)}`);

export const verifyCertificate = (code: string) => api.get<VerifiedCertificate>(`/certificates/verify/${encodeURIComponent(code)}`);

/** A cycle status in the team's words (api.md "Cycle status"). */
export const STATUS_WORDS: Record<string, string> = {
  NotRequired: 'Not required',
  InProgress: 'In progress',
  CeusMet: 'CEUs met, fee due',
  Complete: 'Complete',
  CompleteLate: 'Complete (late)',
  Expired: 'Expired',
  Reinstated: 'Reinstated',
};

/**
 * The cycle whose certificates are being issued by default: issuance runs from December to April
 * (D7.1), so four months back from today lands in the cycle just ending or just ended.
 */
export function issuingCycle(today: Date = new Date()): string {
  const back = new Date(today);
  back.setMonth(back.getMonth() - 4);
  return cycleOf(back);
}
