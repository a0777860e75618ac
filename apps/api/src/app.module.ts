import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { AppealsModule } from './appeals/appeals.module';
import { AuditsModule } from './audits/audits.module';
import { AuthModule } from './auth/auth.module';
import { CertificantsModule } from './certificants/certificants.module';
import { CertificatesModule } from './certificates/certificates.module';
import { CycleAdminModule } from './cycle-admin/cycle-admin.module';
import { CyclesModule } from './cycles/cycles.module';
import type { RecertConfig } from './config/recert-config';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { ErrorFilter } from './http/error-filter';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { ImportsModule } from './imports/imports.module';
import { JobsModule } from './jobs/jobs.module';
import { OperationsModule } from './operations/operations.module';
import { ProjectionsModule } from './projections/projections.module';
import { ReportsModule } from './reports/reports.module';
import { StaffModule } from './staff/staff.module';

@Module({})
export class AppModule {
  static forRoot(config: RecertConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [DatabaseModule.forRoot(config), CqrsModule.forRoot(), TerminusModule, OperationsModule.forRoot(config), ProjectionsModule.forRoot(), AuthModule, IdempotencyModule, StaffModule, CertificantsModule, AuditsModule, AppealsModule, CertificatesModule, CyclesModule, CycleAdminModule, JobsModule, ImportsModule, ReportsModule],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
