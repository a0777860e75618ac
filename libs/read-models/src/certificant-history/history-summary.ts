import { formatCeus } from '@recert/domain';

type Data = Record<string, unknown>;

const list = (value: unknown) => (Array.isArray(value) ? value.map(String).join(', ') : '');
const money = (cents: unknown) => (typeof cents === 'number' ? `$${(cents / 100).toFixed(2)}` : '');
const ceus = (tenths: unknown) => (typeof tenths === 'number' ? `${formatCeus(tenths)} CEUs` : '');

/** One line in words for the timeline; an event type it does not know is named as it is stored. */
export function summaryOf(type: string, data: Data): string {
  const d = data;
  switch (type) {
    case 'CertificantRegistered':
      return `Registered ${String(d.firstName)} ${String(d.lastName)} (${String(d.email)}${d.memberId ? `, member ${String(d.memberId)}` : ''}).`;
    case 'CertificationEarned':
      return `Earned ${String(d.certification)} on ${String(d.earnedOn)}; pending until the documents arrive.`;
    case 'CertificationDocumentsReceived':
      return `Documents for ${String(d.certification)} received (${list(d.documents)}); the certification is held.`;
    case 'CprAedRecorded':
      return `CPR/AED from ${String(d.provider)}, completed ${String(d.completedOn)}, valid through ${String(d.expiresOn)}.`;
    case 'AccountsMerged':
      return `Account ${String(d.duplicateId)} merged into ${String(d.survivorId)}.`;
    case 'ExamPassed':
      return `Passed the ${String(d.certification)} exam on ${String(d.passedOn)}.`;
    case 'ActivityReported':
      return `Reported "${String(d.title)}" (${String(d.activityType)}, ${String(d.activityDate)}): ${ceus(d.tenths)} in category ${String(d.category)}.`;
    case 'ActivityWithdrawn':
      return `Withdrew activity ${String(d.activityId)}: ${String(d.reason)}.`;
    case 'ActivityDisallowed':
      return `Disallowed activity ${String(d.activityId)}: ${String(d.reason)}.`;
    case 'FeePaid':
      return `Paid the ${String(d.feeType)} fee${d.certification ? ` for ${String(d.certification)}` : ''}: ${money(d.amountCents)}.`;
    case 'CycleCompleted':
      return `Completed ${String(d.certification)}${d.late ? ' late' : ''} on ${String(d.completedOn)}.`;
    case 'LateReportingStarted':
      return `Late reporting started for ${list(d.certifications)}.`;
    case 'CertificationExpired':
      return `${String(d.certification)} expired on ${String(d.expiredOn)} (${String(d.reason)}).`;
    case 'CertificationReinstated':
      return `${String(d.certification)} reinstated on ${String(d.reinstatedOn)} after appeal ${String(d.appealId)}.`;
    case 'ExtensionGranted':
      return `Extension granted until ${String(d.until)} after appeal ${String(d.appealId)}.`;
    case 'DistinctionAwarded':
      return `Distinction awarded for ${list(d.certifications)}.`;
    case 'AuditSelected':
      return `Selected for audit ${String(d.auditId)} of ${String(d.cycle)}; respond by ${String(d.respondBy)}.`;
    case 'AuditDocumentsRequested':
      return `Audit documents requested for ${Array.isArray(d.activityIds) ? d.activityIds.length : 0} activities${d.cprAed ? ' and the CPR/AED card' : ''}.`;
    case 'AuditDocumentReceived':
      return `Audit document received: ${String(d.kind)} (${String(d.reference)}).`;
    case 'AuditVerdictRecorded':
      return `Audit verdict on activity ${String(d.activityId)}: ${String(d.verdict)}${d.reason ? ` (${String(d.reason)})` : ''}.`;
    case 'AuditClosed':
      return `Audit ${String(d.auditId)} closed: ${String(d.outcome)}.`;
    case 'AppealFiled':
      return `Appeal ${String(d.appealId)} filed for ${String(d.cycle)} on grounds of ${String(d.grounds)}.`;
    case 'AppealDocumentReceived':
      return `Appeal document received: ${String(d.kind)} (${String(d.reference)}).`;
    case 'AppealDecided':
      return `Appeal ${String(d.appealId)} ${String(d.decision)}.`;
    case 'CertificateIssued':
      return `Certificate issued for ${String(d.certification)}.`;
    default:
      return type;
  }
}
