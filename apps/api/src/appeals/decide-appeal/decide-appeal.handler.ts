import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { appealDecider, appealStream, fold, policyFor, type AppealEvent, type AppealRemedy, type Certification } from '@recert/domain';
import { CommandRunner } from '../../commands/command-runner';
import type { CommandOutcome } from '@recert/event-store';
import type { RequestMeta } from '../../commands/request-meta';
import { CycleStreams, lastPosition } from '../../audits/cycle-streams';
import { filedAppeal } from '../appeal-streams';
import type { DecideAppealBody, DecidedAnswer } from './decide-appeal.dto';

export class DecideAppealCommand extends Command<DecidedAnswer> {
  constructor(
    readonly appealId: string,
    readonly body: DecideAppealBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/**
 * D6.3, D6.4: the decider refuses the maker of the decision appealed against. A granted remedy
 * is carried to the cycle stream (GrantExtension / ReinstateCertification, idempotent by appeal
 * id), also when the decision was recorded before, so a crash between the appends heals.
 */
@CommandHandler(DecideAppealCommand)
export class DecideAppealHandler implements ICommandHandler<DecideAppealCommand> {
  constructor(
    private readonly commands: CommandRunner,
    private readonly cycles: CycleStreams,
  ) {}

  async execute({ appealId, body, meta }: DecideAppealCommand): Promise<DecidedAnswer> {
    const filed = await filedAppeal(this.cycles, appealId);
    const remedy: AppealRemedy | undefined =
      body.remedy === undefined ? undefined : body.remedy.kind === 'extension' ? { kind: 'extension', until: body.remedy.until! } : { kind: 'reinstatement' };
    const decided = await this.commands.run(
      appealDecider,
      appealStream(appealId),
      {
        type: 'DecideAppeal',
        appealId,
        decision: body.decision,
        rationale: body.rationale,
        ...(remedy ? { remedy } : {}),
        ...(body.decidedOn ? { decidedOn: body.decidedOn } : {}),
      },
      meta,
      { extra: { policy: policyFor(filed.cycle!) }, ...(body.decidedOn ? { occurredAt: body.decidedOn } : {}) },
    );
    const appeal = fold(appealDecider, (await this.cycles.events(appealStream(appealId))) as AppealEvent[]);
    const decision = appeal.decision!;
    let carried: CommandOutcome<unknown> | null = null;
    if (decision.decision === 'granted' && decision.remedy) {
      const records = await this.cycles.records(decision.certificantId, decision.cycle);
      const base = { certificantId: decision.certificantId, cycle: decision.cycle, appealId };
      carried = await this.cycles.send(
        records,
        decision.remedy.kind === 'extension'
          ? { ...base, type: 'GrantExtension', until: decision.remedy.until, grantedOn: decision.decidedOn }
          : { ...base, type: 'ReinstateCertification', certification: decision.certification as Certification, reinstatedOn: decision.decidedOn },
        meta,
      );
    }
    return { appealId, decision: decision.decision, position: lastPosition(decided, carried) };
  }
}
