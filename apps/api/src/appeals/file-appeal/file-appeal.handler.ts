import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  appealDecider,
  appealStream,
  auditDecider,
  auditStream,
  fold,
  heldCertifications,
  policyFor,
  type AppealedDecision,
  type AuditEvent,
} from '@recert/domain';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { CycleStreams, lastPosition } from '../../audits/cycle-streams';
import type { FileAppealBody, FiledAnswer } from './file-appeal.dto';
import { type CycleRecords } from '@recert/domain';

export class FileAppealCommand extends Command<FiledAnswer> {
  constructor(
    readonly body: FileAppealBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/**
 * D6.2. D6.4 needs the appeal to know whose decision it is against: the filing records it, read
 * from the cycle stream (a failed audit's expiry -> the auditor who closed it; a disallowed
 * activity -> who disallowed it; the late window's expiry -> the system).
 */
@CommandHandler(FileAppealCommand)
export class FileAppealHandler implements ICommandHandler<FileAppealCommand> {
  constructor(
    private readonly commands: CommandRunner,
    private readonly cycles: CycleStreams,
  ) {}

  async execute({ body, meta }: FileAppealCommand): Promise<FiledAnswer> {
    const policy = policyFor(body.cycle);
    const records = await this.cycles.records(body.certificantId, body.cycle);
    const appealId = this.commands.newId(meta, 'appeal');
    const appealedDecision = await this.appealedDecision(records);
    const certification = body.certification ?? this.certificationOf(records);
    const outcome = await this.commands.run(
      appealDecider,
      appealStream(appealId),
      {
        type: 'FileAppeal',
        appealId,
        certificantId: body.certificantId,
        cycle: body.cycle,
        grounds: body.grounds,
        statement: body.statement,
        ...(body.filedOn ? { filedOn: body.filedOn } : {}),
        ...(body.kind ? { kind: body.kind } : {}),
        ...(certification ? { certification } : {}),
        ...(appealedDecision ? { appealedDecision } : {}),
      },
      meta,
      { extra: { policy }, ...(body.filedOn ? { occurredAt: body.filedOn } : {}) },
    );
    return { appealId, position: lastPosition(outcome) };
  }

  private async appealedDecision(records: CycleRecords): Promise<AppealedDecision | null> {
    const standing = records.own.expired.filter((e) => !records.own.reinstated.some((r) => r.certification === e.certification));
    const lastExpiry = standing[standing.length - 1];
    if (lastExpiry?.reason === 'audit-failed' && lastExpiry.auditId) {
      const audit = fold(auditDecider, (await this.cycles.events(auditStream(lastExpiry.auditId))) as AuditEvent[]);
      return { kind: 'audit', reference: lastExpiry.auditId, decidedBy: audit.closedBy ?? 'system' };
    }
    if (lastExpiry) return { kind: 'expiry', reference: `${records.cycle}:${lastExpiry.certification}`, decidedBy: 'system' };
    const disallowed = records.own.activities.filter((a) => a.disallowed).map((a) => a.disallowed!);
    const lastDisallowed = disallowed[disallowed.length - 1];
    if (lastDisallowed) return { kind: 'activity-disallowed', reference: lastDisallowed.activityId, decidedBy: lastDisallowed.disallowedBy };
    return null;
  }

  /** The certification the appeal is about when the body names none: the one expired, else the only one held. */
  private certificationOf(records: CycleRecords): string | undefined {
    const expired = [...new Set(records.own.expired.map((e) => e.certification))];
    if (expired.length === 1) return expired[0];
    const held = heldCertifications(records.certificant);
    return held.length === 1 ? held[0]!.certification : undefined;
  }
}
