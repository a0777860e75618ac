import { Injectable } from '@nestjs/common';
import { cycleFactsOf, cycleStatusView, fromTenths, previewActivity, refuse, type ActivityInput, type CycleStatusView } from '@recert/domain';
import { Clock } from '../../clock/clock';
import type { ActivityBody } from '../report-activity/report-activity.dto';
import { reportActivityOf } from '../report-activity/report-activity.handler';
import { CycleRecordsReader } from '../cycle-records';
import { cycleContextOf } from '@recert/domain';

export interface ActivityPreviewAnswer {
  ceus: number;
  category: string;
  appliesTo: string[];
  statusBefore: CycleStatusView;
  statusAfter: CycleStatusView;
  explanation: string;
}

/** D4a.2 what-if: the domain's `previewActivity` on the cycle read from the streams; records nothing. */
@Injectable()
export class PreviewActivityQuery {
  constructor(
    private readonly records: CycleRecordsReader,
    private readonly clock: Clock,
  ) {}

  async preview(certificantId: string, cycle: string, body: ActivityBody): Promise<ActivityPreviewAnswer> {
    const records = await this.records.read(certificantId, cycle);
    const today = this.clock.today();
    const context = cycleContextOf(records, { today, now: this.clock.now().toISOString(), actor: 'system' });
    const facts = cycleFactsOf(records.own, { cycle }, context);
    const { type: _type, certificantId: _id, cycle: _cycle, reportedBy, reportedOn, ...input } = reportActivityOf(certificantId, cycle, body);
    const asOf = reportedOn ?? today;
    if (asOf > today) refuse('REPORTED_ON_IN_FUTURE', `An activity cannot be recorded as reported on ${asOf}, after today.`);
    const preview = previewActivity(facts, context.policy, asOf, input as ActivityInput, reportedBy);
    if (!preview.ok) refuse(preview.code, preview.message, { activityType: body.activityType });
    return {
      ceus: fromTenths(preview.tenths),
      category: preview.category,
      appliesTo: preview.appliesTo,
      statusBefore: cycleStatusView(preview.statusBefore, certificantId),
      statusAfter: cycleStatusView(preview.statusAfter, certificantId),
      explanation: preview.explanation,
    };
  }
}
