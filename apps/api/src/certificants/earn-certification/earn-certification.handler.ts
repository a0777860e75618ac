import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { certificantDecider, certificantStream } from '@recert/domain';
import type { EventStore } from '@recert/event-store';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { EVENT_STORE } from '../../database/tokens';
import type { CertificantCommandAnswer } from '../certificant-command.dto';
import { positionOf, registeredCertificant } from '../certificant-streams';
import type { EarnCertificationBody } from './earn-certification.dto';

export class EarnCertificationCommand extends Command<CertificantCommandAnswer> {
  constructor(
    readonly certificantId: string,
    readonly body: EarnCertificationBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(EarnCertificationCommand)
export class EarnCertificationHandler implements ICommandHandler<EarnCertificationCommand> {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ certificantId, body, meta }: EarnCertificationCommand): Promise<CertificantCommandAnswer> {
    await registeredCertificant(this.store, certificantId);
    const outcome = await this.commands.run(
      certificantDecider,
      certificantStream(certificantId),
      { type: 'EarnCertification', certificantId, certification: body.certification, earnedOn: body.earnedOn },
      meta,
      { occurredAt: body.earnedOn },
    );
    return { certificantId, position: positionOf(outcome) };
  }
}
