import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { auditDecider, auditStream, policyFor } from '@recert/domain';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { openedAudit } from '../audit-streams';
import { CycleStreams, lastPosition } from '../cycle-streams';
import type { AuditCommandAnswer } from '../receive-audit-document/receive-audit-document.dto';
import type { RecordAuditVerdictBody } from './record-audit-verdict.dto';

export class RecordAuditVerdictCommand extends Command<AuditCommandAnswer> {
  constructor(
    readonly auditId: string,
    readonly body: RecordAuditVerdictBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/**
 * D5.3, D5.4. A rejection stops the activity counting: after the verdict, DisallowActivity goes
 * to the cycle stream with the auditor as actor (docs/domain-commands.md), so `disallowedBy`
 * names them for D6.4. Sent again on a repeated rejection: it is idempotent and heals a crash
 * between the two appends.
 */
@CommandHandler(RecordAuditVerdictCommand)
export class RecordAuditVerdictHandler implements ICommandHandler<RecordAuditVerdictCommand> {
  constructor(
    private readonly commands: CommandRunner,
    private readonly cycles: CycleStreams,
  ) {}

  async execute({ auditId, body, meta }: RecordAuditVerdictCommand): Promise<AuditCommandAnswer> {
    const audit = await openedAudit(this.cycles, auditId);
    const records = await this.cycles.records(audit.certificantId!, audit.cycle!, await this.cycles.auditFact(auditId));
    const verdict = await this.commands.run(auditDecider, auditStream(auditId), { type: 'RecordAuditVerdict', auditId, ...body }, meta, {
      extra: { policy: policyFor(audit.cycle!), activities: this.cycles.activities(records) },
      ...(body.decidedOn ? { occurredAt: body.decidedOn } : {}),
    });
    if (body.verdict !== 'rejected') return { auditId, position: lastPosition(verdict) };
    const disallowed = await this.cycles.send(
      records,
      {
        type: 'DisallowActivity',
        certificantId: audit.certificantId!,
        cycle: audit.cycle!,
        activityId: body.activityId,
        reason: body.reason!.trim(),
        auditId,
      },
      meta,
    );
    return { auditId, position: lastPosition(verdict, disallowed) };
  }
}
