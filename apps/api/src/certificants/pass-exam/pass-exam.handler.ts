import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { certificantDecider, certificantStream } from '@recert/domain';
import type { EventStore } from '@recert/event-store';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { EVENT_STORE } from '../../database/tokens';
import type { CertificantCommandAnswer } from '../certificant-command.dto';
import { positionOf, registeredCertificant } from '../certificant-streams';
import type { PassExamBody } from './pass-exam.dto';

export class PassExamCommand extends Command<CertificantCommandAnswer> {
  constructor(
    readonly certificantId: string,
    readonly body: PassExamBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(PassExamCommand)
export class PassExamHandler implements ICommandHandler<PassExamCommand> {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ certificantId, body, meta }: PassExamCommand): Promise<CertificantCommandAnswer> {
    await registeredCertificant(this.store, certificantId);
    const outcome = await this.commands.run(
      certificantDecider,
      certificantStream(certificantId),
      { type: 'PassExam', certificantId, certification: body.certification, passedOn: body.passedOn },
      meta,
      { occurredAt: body.passedOn },
    );
    return { certificantId, position: positionOf(outcome) };
  }
}
