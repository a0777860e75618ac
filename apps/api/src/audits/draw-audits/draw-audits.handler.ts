import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  auditDecider,
  auditStream,
  cycleAdminDecider,
  cycleAdminStream,
  drawnAuditId,
  drawPopulation,
  fold,
  policyFor,
  type CycleAdminEvent,
} from '@recert/domain';
import { IDEMPOTENCY_NAMESPACE, uuidV5, type CommandOutcome } from '@recert/event-store';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { CertificateReadinessQuery } from '../../certificates/readiness/certificate-readiness.query';
import { CycleStreams, lastPosition, stepOf } from '../cycle-streams';
import type { DrawAnswer, DrawAuditsBody } from './draw-audits.dto';

export class DrawAuditsCommand extends Command<DrawAnswer> {
  constructor(
    readonly body: DrawAuditsBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/**
 * D5.1: DrawAudit on `cycle-admin-<cycle>` over those who completed, then SelectForAudit on each
 * `audit-<id>` with the notice's document request (D5.2, D5.3). The draw id is derived from the
 * cycle, seed, size and population, so asking again records nothing and names the same audits.
 */
@CommandHandler(DrawAuditsCommand)
export class DrawAuditsHandler implements ICommandHandler<DrawAuditsCommand> {
  constructor(
    private readonly commands: CommandRunner,
    private readonly cycles: CycleStreams,
    private readonly readiness: CertificateReadinessQuery,
  ) {}

  async execute({ body, meta }: DrawAuditsCommand): Promise<DrawAnswer> {
    const policy = policyFor(body.cycle);
    const population = drawPopulation(await this.readiness.completers(body.cycle));
    const drawId = uuidV5(JSON.stringify([body.cycle, body.seed, body.rate ?? null, body.count ?? null, population]), IDEMPOTENCY_NAMESPACE);
    const draw = await this.commands.run(
      cycleAdminDecider,
      cycleAdminStream(body.cycle),
      {
        type: 'DrawAudit',
        cycle: body.cycle,
        drawId,
        seed: body.seed,
        population,
        ...(body.rate !== undefined ? { rate: body.rate } : {}),
        ...(body.count !== undefined ? { count: body.count } : {}),
      },
      meta,
      { extra: { policy } },
    );
    const admin = fold(cycleAdminDecider, (await this.cycles.events(cycleAdminStream(body.cycle))) as CycleAdminEvent[]);
    const selected = (admin.draws[drawId]?.selected ?? []).map((certificantId) => ({ certificantId, auditId: drawnAuditId(drawId, certificantId) }));
    const outcomes: Array<CommandOutcome<unknown>> = [draw];
    for (const { certificantId, auditId } of selected) {
      outcomes.push(
        await this.commands.run(
          auditDecider,
          auditStream(auditId),
          { type: 'SelectForAudit', auditId, certificantId, cycle: body.cycle, reason: 'draw', drawId },
          meta,
          { extra: { policy } },
        ),
      );
      const activities = this.cycles.activities(await this.cycles.records(certificantId, body.cycle));
      outcomes.push(
        await this.commands.run(auditDecider, auditStream(auditId), { type: 'RequestAuditDocuments', auditId }, stepOf(meta, 'request-documents'), {
          extra: { policy, activities },
        }),
      );
    }
    return { drawId, selected, population: population.length, position: lastPosition(...outcomes) };
  }
}
