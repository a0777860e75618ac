import { Module } from '@nestjs/common';
import { AuditsModule } from '../audits/audits.module';
import { CommandsModule } from '../commands/commands.module';
import { AppealQueries } from './appeals-queue/appeal-queries';
import { AppealsController } from './appeals.controller';
import { DecideAppealHandler } from './decide-appeal/decide-appeal.handler';
import { FileAppealHandler } from './file-appeal/file-appeal.handler';
import { ReceiveAppealDocumentHandler } from './receive-appeal-document/receive-appeal-document.handler';

@Module({
  imports: [CommandsModule, AuditsModule],
  controllers: [AppealsController],
  providers: [AppealQueries, FileAppealHandler, ReceiveAppealDocumentHandler, DecideAppealHandler],
})
export class AppealsModule {}
