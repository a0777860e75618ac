import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { fromTenths, type ActivityReported, type ActivityType, type ReportActivity } from '@recert/domain';
import type { RequestMeta } from '../../commands/request-meta';
import { CycleStreams } from '../../audits/cycle-streams';
import { CycleRecordsReader, positionOf } from '../cycle-records';
import type { ActivityBody, ActivityReportedAnswer } from './report-activity.dto';

export class ReportActivityCommand extends Command<ActivityReportedAnswer> {
  constructor(
    readonly certificantId: string,
    readonly cycle: string,
    readonly body: ActivityBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/** The domain command from the HTTP body: the reporter defaults to the certificant (D3.15). */
export function reportActivityOf(certificantId: string, cycle: string, body: ActivityBody): ReportActivity {
  const { reportedBy, activityType, ...rest } = body;
  return { type: 'ReportActivity', certificantId, cycle, ...rest, activityType: activityType as ActivityType, reportedBy: reportedBy ?? 'certificant' };
}

@CommandHandler(ReportActivityCommand)
export class ReportActivityHandler implements ICommandHandler<ReportActivityCommand> {
  constructor(
    private readonly records: CycleRecordsReader,
    private readonly streams: CycleStreams,
  ) {}

  async execute({ certificantId, cycle, body, meta }: ReportActivityCommand): Promise<ActivityReportedAnswer> {
    const command = reportActivityOf(certificantId, cycle, body);
    const records = await this.records.read(certificantId, cycle, command);
    const outcome = await this.streams.send(records, command, meta);
    const reported = outcome.events.find((e): e is ActivityReported => e.type === 'ActivityReported');
    if (!reported) throw new Error('ReportActivity recorded no activity');
    const { activityId, category, tenths, appliesTo } = reported.data;
    return { activityId, category, ceus: fromTenths(tenths), appliesTo, position: positionOf(outcome) };
  }
}
