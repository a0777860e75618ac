import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles';
import { Meta, type RequestMeta } from '../commands/request-meta';
import { RegisterCertificantBody, RegisteredAnswer } from './register-certificant/register-certificant.dto';
import { RegisterCertificantCommand } from './register-certificant/register-certificant.handler';

@ApiTags('certificants')
@ApiBearerAuth()
@Controller('certificants')
export class CertificantsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('staff')
  @ApiCreatedResponse({ type: RegisteredAnswer })
  register(@Body() body: RegisterCertificantBody, @Meta() meta: RequestMeta): Promise<RegisteredAnswer> {
    return this.commandBus.execute(new RegisterCertificantCommand(body, meta));
  }
}
