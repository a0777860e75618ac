import type { BusinessDate, Certification, CycleName } from '../shared/types';
import type { ActivityDisallowed, ActivityReported, ActivityWithdrawn, CertificationExpired, CycleEvent, FeePaid } from './events';

export interface ActivityRecord {
  reported: ActivityReported['data'];
  withdrawn: ActivityWithdrawn['data'] | null;
  disallowed: ActivityDisallowed['data'] | null;
}

export interface CycleState {
  certificantId: string | null;
  cycle: CycleName | null;
  /** In the order reported. */
  activities: ActivityRecord[];
  fees: FeePaid['data'][];
  completed: { certification: Certification; completedOn: BusinessDate; late: boolean }[];
  lateReportingStartedOn: BusinessDate | null;
  expired: CertificationExpired['data'][];
  reinstated: { certification: Certification; on: BusinessDate; appealId: string }[];
  extension: { until: BusinessDate; grantedOn: BusinessDate; appealId: string } | null;
  distinctionAwardedOn: BusinessDate | null;
}

export const initialCycleState: CycleState = {
  certificantId: null,
  cycle: null,
  activities: [],
  fees: [],
  completed: [],
  lateReportingStartedOn: null,
  expired: [],
  reinstated: [],
  extension: null,
  distinctionAwardedOn: null,
};

export function evolveCycle(state: CycleState, event: CycleEvent): CycleState {
  switch (event.type) {
    case 'ActivityReported':
      return {
        ...state,
        certificantId: event.data.certificantId,
        cycle: event.data.cycle,
        activities: [...state.activities, { reported: event.data, withdrawn: null, disallowed: null }],
      };
    case 'ActivityWithdrawn':
      return {
        ...state,
        activities: state.activities.map((a) => (a.reported.activityId === event.data.activityId ? { ...a, withdrawn: event.data } : a)),
      };
    case 'ActivityDisallowed':
      return {
        ...state,
        activities: state.activities.map((a) => (a.reported.activityId === event.data.activityId ? { ...a, disallowed: event.data } : a)),
      };
    case 'FeePaid':
      return { ...state, fees: [...state.fees, event.data] };
    case 'CycleCompleted':
      return { ...state, completed: [...state.completed, event.data] };
    case 'LateReportingStarted':
      return { ...state, cycle: event.data.cycle, lateReportingStartedOn: event.data.startedOn };
    case 'CertificationExpired':
      return { ...state, expired: [...state.expired, event.data] };
    case 'CertificationReinstated':
      return {
        ...state,
        reinstated: [...state.reinstated, { certification: event.data.certification, on: event.data.reinstatedOn, appealId: event.data.appealId }],
      };
    case 'ExtensionGranted':
      return { ...state, extension: { ...event.data } };
    case 'DistinctionAwarded':
      return { ...state, distinctionAwardedOn: event.data.awardedOn };
  }
}

export function findActivity(state: CycleState, activityId: string): ActivityRecord | undefined {
  return state.activities.find((a) => a.reported.activityId === activityId);
}
