import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { certificantDecider, certificantStream, fold, type CertificantEvent, type MergeAccounts } from '@recert/domain';
import type { EventStore } from '@recert/event-store';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { EVENT_STORE } from '../../database/tokens';
import { positionOf, registeredCertificant } from '../certificant-streams';
import type { MergeAccountsAnswer, MergeAccountsBody } from './merge-accounts.dto';

export class MergeAccountsCommand extends Command<MergeAccountsAnswer> {
  constructor(
    readonly survivorId: string,
    readonly body: MergeAccountsBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/**
 * D1.3 (docs/domain-commands.md, "Merging"): MergeAccounts is decided on the survivor's stream
 * with the duplicate's folded state, then on the duplicate's stream. Both decisions are idempotent,
 * so a request cut between the two appends is finished by sending it again.
 */
@CommandHandler(MergeAccountsCommand)
export class MergeAccountsHandler implements ICommandHandler<MergeAccountsCommand> {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ survivorId, body, meta }: MergeAccountsCommand): Promise<MergeAccountsAnswer> {
    await registeredCertificant(this.store, survivorId);
    const duplicateId = body.duplicateCertificantId;
    const duplicateEvents = await this.store.readStream(certificantStream(duplicateId));
    const duplicate = fold(certificantDecider, duplicateEvents.map(({ type, data }) => ({ type, data }) as CertificantEvent));
    const command: MergeAccounts = { type: 'MergeAccounts', survivorId, duplicateId, ...(body.mergedOn ? { mergedOn: body.mergedOn } : {}) };
    const options = body.mergedOn ? { occurredAt: body.mergedOn } : {};
    const onSurvivor = await this.commands.run(certificantDecider, certificantStream(survivorId), command, meta, { ...options, extra: { duplicate } });
    const onDuplicate = await this.commands.run(certificantDecider, certificantStream(duplicateId), command, meta, options);
    const positions = [positionOf(onSurvivor), positionOf(onDuplicate)].filter((p): p is number => p !== null);
    return { certificantId: survivorId, duplicateCertificantId: duplicateId, position: positions.length > 0 ? Math.max(...positions) : null };
  }
}
