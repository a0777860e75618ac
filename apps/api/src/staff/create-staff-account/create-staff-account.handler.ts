import { ConflictException } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { hash } from '@node-rs/argon2';
import { staffDecider, staffStream } from '@recert/domain';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { staffIdOf } from '../staff-account';
import type { CreateStaffAccountBody, StaffAccountCreatedAnswer } from './create-staff-account.dto';

export class CreateStaffAccountCommand extends Command<StaffAccountCreatedAnswer> {
  constructor(
    readonly body: CreateStaffAccountBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(CreateStaffAccountCommand)
export class CreateStaffAccountHandler implements ICommandHandler<CreateStaffAccountCommand> {
  constructor(private readonly commands: CommandRunner) {}

  async execute({ body, meta }: CreateStaffAccountCommand): Promise<StaffAccountCreatedAnswer> {
    const staffId = staffIdOf(body.email);
    const passwordHash = await hash(body.password);
    const outcome = await this.commands.run(
      staffDecider,
      staffStream(staffId),
      { type: 'CreateStaffAccount', staffId, email: body.email, name: body.name, roles: body.roles, passwordHash },
      meta,
    );
    // The id derives from the email: nothing new means that email already has an account.
    if (outcome.events.length === 0) {
      throw new ConflictException({ code: 'STAFF_EMAIL_TAKEN', message: `There is already a staff account for ${body.email.trim().toLowerCase()}.`, details: { staffId } });
    }
    return { staffId, position: outcome.position ? Number(outcome.position.globalPosition) : null };
  }
}
