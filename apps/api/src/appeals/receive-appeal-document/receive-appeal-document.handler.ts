import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { appealDecider, appealStream, policyFor } from '@recert/domain';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { CycleStreams, lastPosition } from '../../audits/cycle-streams';
import { filedAppeal } from '../appeal-streams';
import type { AppealCommandAnswer, ReceiveAppealDocumentBody } from './receive-appeal-document.dto';

export class ReceiveAppealDocumentCommand extends Command<AppealCommandAnswer> {
  constructor(
    readonly appealId: string,
    readonly body: ReceiveAppealDocumentBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(ReceiveAppealDocumentCommand)
export class ReceiveAppealDocumentHandler implements ICommandHandler<ReceiveAppealDocumentCommand> {
  constructor(
    private readonly commands: CommandRunner,
    private readonly cycles: CycleStreams,
  ) {}

  async execute({ appealId, body, meta }: ReceiveAppealDocumentCommand): Promise<AppealCommandAnswer> {
    const appeal = await filedAppeal(this.cycles, appealId);
    const outcome = await this.commands.run(appealDecider, appealStream(appealId), { type: 'ReceiveAppealDocument', appealId, ...body }, meta, {
      extra: { policy: policyFor(appeal.cycle!) },
      ...(body.receivedOn ? { occurredAt: body.receivedOn } : {}),
    });
    return { appealId, position: lastPosition(outcome) };
  }
}
