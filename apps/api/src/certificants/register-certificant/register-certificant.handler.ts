import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { certificantDecider, certificantStream } from '@recert/domain';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import type { RegisterCertificantBody, RegisteredAnswer } from './register-certificant.dto';

export class RegisterCertificantCommand extends Command<RegisteredAnswer> {
  constructor(
    readonly body: RegisterCertificantBody,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(RegisterCertificantCommand)
export class RegisterCertificantHandler implements ICommandHandler<RegisterCertificantCommand> {
  constructor(private readonly commands: CommandRunner) {}

  async execute({ body, meta }: RegisterCertificantCommand): Promise<RegisteredAnswer> {
    const certificantId = this.commands.newId(meta, 'certificant');
    const outcome = await this.commands.run(
      certificantDecider,
      certificantStream(certificantId),
      { type: 'RegisterCertificant', certificantId, ...body },
      meta,
    );
    return { certificantId, position: outcome.position ? Number(outcome.position.globalPosition) : null };
  }
}
