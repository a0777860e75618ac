import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { certificantDecider, certificantStream } from '@recert/domain';
import type { EventStore } from '@recert/event-store';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { EVENT_STORE } from '../../database/tokens';
import type { CertificantCommandAnswer } from '../certificant-command.dto';
import { positionOf, registeredCertificant } from '../certificant-streams';
import type { ReceiveCertificationDocumentsBody } from './receive-certification-documents.dto';

export class ReceiveCertificationDocumentsCommand extends Command<CertificantCommandAnswer> {
  constructor(
    readonly certificantId: string,
    readonly certification: string,
    readonly body: ReceiveCertificationDocumentsBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/** D1.2: the documents turn a pending certification into one held. */
@CommandHandler(ReceiveCertificationDocumentsCommand)
export class ReceiveCertificationDocumentsHandler implements ICommandHandler<ReceiveCertificationDocumentsCommand> {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ certificantId, certification, body, meta }: ReceiveCertificationDocumentsCommand): Promise<CertificantCommandAnswer> {
    await registeredCertificant(this.store, certificantId);
    const outcome = await this.commands.run(
      certificantDecider,
      certificantStream(certificantId),
      { type: 'ReceiveCertificationDocuments', certificantId, certification, documents: body.documents, receivedOn: body.receivedOn },
      meta,
      body.receivedOn ? { occurredAt: body.receivedOn } : {},
    );
    return { certificantId, position: positionOf(outcome) };
  }
}
