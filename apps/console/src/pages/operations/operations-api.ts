import { api, query, type Page } from '../../api/client';
import type { Role } from '../../auth/session';

/** GET /projections: one read model's progress through the event store. */
export interface ProjectionStatus {
  name: string;
  version: number;
  status: 'running' | 'rebuilding' | 'stopped' | 'failed' | string;
  position: number;
  head: number;
  lag: number;
  owner: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  parkedStreams: number;
  parked: ParkedStream[];
  rebuild: { version: number; position: number; eventsDone: number; startedAt: string } | null;
}

export interface ParkedStream {
  streamId: string;
  fromRevision: number;
  eventType: string;
  position: number;
  parkedEvents: number;
  error: string;
  parkedAt: string;
  retryRequestedAt: string | null;
}

/** GET /projections/:name/rebuilds/:jobId: a rebuild job as its run tells it. */
export interface RebuildRun {
  jobId: string;
  projection: string;
  state: 'running' | 'completed' | 'failed';
  eventsDone: number;
  head: number;
  error: string | null;
}

/** GET /staff: one staff account. */
export interface StaffAccount {
  staffId: string;
  email: string;
  name: string;
  roles: Role[];
  createdOn: string;
  createdBy: string;
  rolesChangedOn: string | null;
}

/** api.md "Sign-in": what each role may do, in the words the team uses. */
export const ROLES: { value: Role; label: string; description: string }[] = [
  { value: 'staff', label: 'Staff', description: 'certificants, activities, fees, imports, certificates' },
  { value: 'auditor', label: 'Auditor', description: 'audits' },
  { value: 'committee', label: 'Committee', description: 'appeal decisions' },
  { value: 'admin', label: 'Admin', description: 'everything, staff accounts, rebuilds' },
  { value: 'viewer', label: 'Viewer', description: 'reads only' },
];

export const STAFF_PAGE = 50;

export const operationsKeys = {
  projections: ['projections'] as const,
  rebuild: (name: string, jobId: string) => ['projections', name, 'rebuilds', jobId] as const,
  staff: ['staff'] as const,
};

export const listProjections = () => api.get<Page<ProjectionStatus>>('/projections');

export const rebuildRun = (name: string, jobId: string) =>
  api.get<RebuildRun>(`/projections/${encodeURIComponent(name)}/rebuilds/${encodeURIComponent(jobId)}`);

/** A page of staff accounts, read after the projections have caught up (an account just created shows). */
export const staffPage = (cursor: string | null) => api.get<Page<StaffAccount>>(`/staff${query({ limit: STAFF_PAGE, cursor, consistent: true })}`);
