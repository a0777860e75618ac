import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { certificantDecider, certificantStream } from '@recert/domain';
import type { EventStore } from '@recert/event-store';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { EVENT_STORE } from '../../database/tokens';
import type { CertificantCommandAnswer } from '../certificant-command.dto';
import { positionOf, registeredCertificant } from '../certificant-streams';
import type { RecordCprAedBody } from './record-cpr-aed.dto';

export class RecordCprAedCommand extends Command<CertificantCommandAnswer> {
  constructor(
    readonly certificantId: string,
    readonly body: RecordCprAedBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(RecordCprAedCommand)
export class RecordCprAedHandler implements ICommandHandler<RecordCprAedCommand> {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ certificantId, body, meta }: RecordCprAedCommand): Promise<CertificantCommandAnswer> {
    await registeredCertificant(this.store, certificantId);
    const outcome = await this.commands.run(
      certificantDecider,
      certificantStream(certificantId),
      { type: 'RecordCprAed', certificantId, ...body },
      meta,
      { occurredAt: body.completedOn },
    );
    return { certificantId, position: positionOf(outcome) };
  }
}
