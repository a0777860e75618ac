import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { CertificantsModule } from './certificants/certificants.module';
import type { RecertConfig } from './config/recert-config';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { ErrorFilter } from './http/error-filter';

@Module({})
export class AppModule {
  static forRoot(config: RecertConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [DatabaseModule.forRoot(config), CqrsModule.forRoot(), TerminusModule, CertificantsModule],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
