import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { auditDecider, auditStream, fold, policyFor, type AuditEvent } from '@recert/domain';
import { CommandRunner } from '../../commands/command-runner';
import type { CommandOutcome } from '@recert/event-store';
import type { RequestMeta } from '../../commands/request-meta';
import { Clock } from '../../clock/clock';
import { openedAudit } from '../audit-streams';
import { CycleStreams, lastPosition } from '../cycle-streams';
import type { CloseAuditAnswer, CloseAuditBody } from './close-audit.dto';

export class CloseAuditCommand extends Command<CloseAuditAnswer> {
  constructor(
    readonly auditId: string,
    readonly body: CloseAuditBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/**
 * D5.4: the decider judges the outcome on the cycle status with this audit's rejections applied
 * (they are already on the cycle stream). A failed audit is followed by ExpireCertification
 * `{ reason: 'audit-failed' }` on the cycle stream.
 */
@CommandHandler(CloseAuditCommand)
export class CloseAuditHandler implements ICommandHandler<CloseAuditCommand> {
  constructor(
    private readonly commands: CommandRunner,
    private readonly cycles: CycleStreams,
    private readonly clock: Clock,
  ) {}

  async execute({ auditId, body, meta }: CloseAuditCommand): Promise<CloseAuditAnswer> {
    const audit = await openedAudit(this.cycles, auditId);
    const closedOn = body.decidedOn ?? this.clock.today();
    const records = await this.cycles.records(audit.certificantId!, audit.cycle!, await this.cycles.auditFact(auditId));
    const closed = await this.commands.run(auditDecider, auditStream(auditId), { type: 'CloseAudit', auditId, decidedOn: closedOn }, meta, {
      extra: { policy: policyFor(audit.cycle!), cycleStatus: this.cycles.status(records, closedOn) },
      occurredAt: closedOn,
    });
    const events = (await this.cycles.events(auditStream(auditId))) as AuditEvent[];
    const after = fold(auditDecider, events);
    const closing = events.find((event) => event.type === 'AuditClosed');
    const outcome = after.status === 'failed' ? 'failed' : 'passed';
    let expired: CommandOutcome<unknown> | null = null;
    if (outcome === 'failed') {
      expired = await this.cycles.send(
        { ...records, audit: await this.cycles.auditFact(auditId) },
        { type: 'ExpireCertification', certificantId: audit.certificantId!, cycle: audit.cycle!, reason: 'audit-failed', auditId, asOf: closedOn },
        meta,
      );
    }
    return {
      auditId,
      outcome,
      reasons: closing?.type === 'AuditClosed' ? closing.data.reasons : [],
      position: lastPosition(closed, expired),
    };
  }
}
