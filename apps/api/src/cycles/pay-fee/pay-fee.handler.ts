import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { FeePaid } from '@recert/domain';
import type { RequestMeta } from '../../commands/request-meta';
import { CycleStreams } from '../../audits/cycle-streams';
import { CycleRecordsReader, positionOf } from '../cycle-records';
import type { FeePaidAnswer, PayFeeBody } from './pay-fee.dto';

export class PayFeeCommand extends Command<FeePaidAnswer> {
  constructor(
    readonly certificantId: string,
    readonly cycle: string,
    readonly body: PayFeeBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(PayFeeCommand)
export class PayFeeHandler implements ICommandHandler<PayFeeCommand> {
  constructor(
    private readonly records: CycleRecordsReader,
    private readonly streams: CycleStreams,
  ) {}

  async execute({ certificantId, cycle, body, meta }: PayFeeCommand): Promise<FeePaidAnswer> {
    const records = await this.records.read(certificantId, cycle);
    const outcome = await this.streams.send(records, { type: 'PayFee', certificantId, cycle, ...body }, meta);
    const paid = outcome.events.find((e): e is FeePaid => e.type === 'FeePaid');
    if (!paid) throw new Error('PayFee recorded no payment');
    return { feeId: paid.data.feeId, position: positionOf(outcome) };
  }
}
