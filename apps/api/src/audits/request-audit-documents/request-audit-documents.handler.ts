import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { auditDecider, auditStream, policyFor } from '@recert/domain';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { openedAudit } from '../audit-streams';
import { CycleStreams, lastPosition } from '../cycle-streams';
import type { AuditCommandAnswer } from '../receive-audit-document/receive-audit-document.dto';
import type { RequestAuditDocumentsBody } from './request-audit-documents.dto';

export class RequestAuditDocumentsCommand extends Command<AuditCommandAnswer> {
  constructor(
    readonly auditId: string,
    readonly body: RequestAuditDocumentsBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(RequestAuditDocumentsCommand)
export class RequestAuditDocumentsHandler implements ICommandHandler<RequestAuditDocumentsCommand> {
  constructor(
    private readonly commands: CommandRunner,
    private readonly cycles: CycleStreams,
  ) {}

  async execute({ auditId, body, meta }: RequestAuditDocumentsCommand): Promise<AuditCommandAnswer> {
    const audit = await openedAudit(this.cycles, auditId);
    const records = await this.cycles.records(audit.certificantId!, audit.cycle!);
    const outcome = await this.commands.run(auditDecider, auditStream(auditId), { type: 'RequestAuditDocuments', auditId, ...body }, meta, {
      extra: { policy: policyFor(audit.cycle!), activities: this.cycles.activities(records) },
    });
    return { auditId, position: lastPosition(outcome) };
  }
}
