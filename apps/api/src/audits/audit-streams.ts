import { NotFoundException } from '@nestjs/common';
import { auditDecider, auditStream, fold, type AuditEvent, type AuditState } from '@recert/domain';
import type { CycleStreams } from './cycle-streams';

/** The audit's folded state; an unknown audit is 404, not a refused rule. */
export async function openedAudit(cycles: CycleStreams, auditId: string): Promise<AuditState> {
  const events = await cycles.events(auditStream(auditId));
  if (events.length === 0) throw new NotFoundException({ code: 'AUDIT_NOT_FOUND', message: `There is no audit ${auditId}.` });
  return fold(auditDecider, events as AuditEvent[]);
}
