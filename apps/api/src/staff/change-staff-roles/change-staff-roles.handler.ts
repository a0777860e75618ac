import { Inject, NotFoundException } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseRoles, staffDecider, staffStream } from '@recert/domain';
import type { EventStore } from '@recert/event-store';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { EVENT_STORE } from '../../database/tokens';
import type { ChangeStaffRolesBody, StaffRolesChangedAnswer } from './change-staff-roles.dto';

export class ChangeStaffRolesCommand extends Command<StaffRolesChangedAnswer> {
  constructor(
    readonly staffId: string,
    readonly body: ChangeStaffRolesBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(ChangeStaffRolesCommand)
export class ChangeStaffRolesHandler implements ICommandHandler<ChangeStaffRolesCommand> {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ staffId, body, meta }: ChangeStaffRolesCommand): Promise<StaffRolesChangedAnswer> {
    // An unknown id is a missing resource (404), not a refused rule.
    if ((await this.store.streamRevision(staffStream(staffId))) < 0) {
      throw new NotFoundException({ code: 'STAFF_NOT_FOUND', message: `There is no staff account ${staffId}.`, details: { staffId } });
    }
    const outcome = await this.commands.run(staffDecider, staffStream(staffId), { type: 'ChangeStaffRoles', staffId, roles: body.roles }, meta);
    return { staffId, roles: parseRoles(body.roles), position: outcome.position ? Number(outcome.position.globalPosition) : null };
  }
}
