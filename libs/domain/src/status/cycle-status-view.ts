import { fromTenths } from '../shared/ceus';
import type { CycleStatus } from './cycle-status';

/**
 * The cycle status in the api.md shape (CEUs as decimals). Pure, so the API, the console and
 * reports show the same thing; the HTTP layer adds nothing but the certificant's id.
 */
export function cycleStatusView(status: CycleStatus, certificantId: string) {
  return {
    certificantId,
    cycle: status.cycle,
    asOf: status.asOf,
    deadline: status.deadline,
    lateDeadline: status.lateDeadline,
    certifications: status.certifications.map((c) => ({
      certification: c.certification,
      earnedOn: c.earnedOn,
      required: c.required,
      requiredCeus: fromTenths(c.requiredTenths),
      reportedCeus: fromTenths(c.reportedTenths),
      appliedCeus: fromTenths(c.appliedTenths),
      byCategory: c.byCategory.map((b) => ({
        category: b.category,
        reportedCeus: fromTenths(b.reportedTenths),
        appliedCeus: fromTenths(b.appliedTenths),
        maxCeus: fromTenths(b.maxTenths),
      })),
      categoriesUsed: c.categoriesUsed,
      countsFrom: c.countsFrom,
      recertificationFeeCents: c.recertificationFeeCents,
      recertificationFeePaid: c.recertificationFeePaid,
      lateFeeDue: c.lateFeeDue,
      lateFeePaid: c.lateFeePaid,
      status: c.status,
      completedOn: c.completedOn,
      blockers: c.blockers,
      ledger: c.ledger.map((l) => ({
        activityId: l.activityId,
        activityType: l.activityType,
        activityDate: l.activityDate,
        title: l.title,
        category: l.category,
        reportedCeus: fromTenths(l.reportedTenths),
        appliedCeus: fromTenths(l.appliedTenths),
        explanation: l.explanation,
      })),
    })),
    audit: status.audit,
    distinction: {
      eligible: status.distinction.eligible,
      reasons: status.distinction.reasons,
      requiredCeus: fromTenths(status.distinction.requiredTenths),
      bodyActivityCeus: fromTenths(status.distinction.bodyActivityTenths),
    },
  };
}

export type CycleStatusView = ReturnType<typeof cycleStatusView>;
