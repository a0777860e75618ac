import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { CertificantsController } from './certificants.controller';
import { RegisterCertificantHandler } from './register-certificant/register-certificant.handler';

@Module({
  imports: [CommandsModule],
  controllers: [CertificantsController],
  providers: [RegisterCertificantHandler],
})
export class CertificantsModule {}
