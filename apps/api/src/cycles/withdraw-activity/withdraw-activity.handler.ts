import { NotFoundException } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { findActivity } from '@recert/domain';
import type { RequestMeta } from '../../commands/request-meta';
import { CycleStreams } from '../../audits/cycle-streams';
import { CycleRecordsReader, positionOf } from '../cycle-records';
import type { CycleCommandAnswer, WithdrawActivityBody } from './withdraw-activity.dto';

export class WithdrawActivityCommand extends Command<CycleCommandAnswer> {
  constructor(
    readonly certificantId: string,
    readonly cycle: string,
    readonly activityId: string,
    readonly body: WithdrawActivityBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(WithdrawActivityCommand)
export class WithdrawActivityHandler implements ICommandHandler<WithdrawActivityCommand> {
  constructor(
    private readonly records: CycleRecordsReader,
    private readonly streams: CycleStreams,
  ) {}

  async execute({ certificantId, cycle, activityId, body, meta }: WithdrawActivityCommand): Promise<CycleCommandAnswer> {
    const records = await this.records.read(certificantId, cycle);
    if (!findActivity(records.own, activityId)) {
      throw new NotFoundException({ code: 'ACTIVITY_NOT_FOUND', message: `There is no activity ${activityId} in ${cycle}.`, details: { activityId } });
    }
    const outcome = await this.streams.send(records, { type: 'WithdrawActivity', certificantId, cycle, activityId, reason: body.reason }, meta);
    return { position: positionOf(outcome) };
  }
}
