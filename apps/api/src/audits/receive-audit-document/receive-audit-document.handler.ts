import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { auditDecider, auditStream, policyFor } from '@recert/domain';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { openedAudit } from '../audit-streams';
import { CycleStreams, lastPosition } from '../cycle-streams';
import type { AuditCommandAnswer, ReceiveAuditDocumentBody } from './receive-audit-document.dto';

export class ReceiveAuditDocumentCommand extends Command<AuditCommandAnswer> {
  constructor(
    readonly auditId: string,
    readonly body: ReceiveAuditDocumentBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(ReceiveAuditDocumentCommand)
export class ReceiveAuditDocumentHandler implements ICommandHandler<ReceiveAuditDocumentCommand> {
  constructor(
    private readonly commands: CommandRunner,
    private readonly cycles: CycleStreams,
  ) {}

  async execute({ auditId, body, meta }: ReceiveAuditDocumentCommand): Promise<AuditCommandAnswer> {
    const audit = await openedAudit(this.cycles, auditId);
    const outcome = await this.commands.run(auditDecider, auditStream(auditId), { type: 'ReceiveAuditDocument', auditId, ...body }, meta, {
      extra: { policy: policyFor(audit.cycle!) },
      ...(body.receivedOn ? { occurredAt: body.receivedOn } : {}),
    });
    return { auditId, position: lastPosition(outcome) };
  }
}
