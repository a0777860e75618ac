import { Module, type DynamicModule } from '@nestjs/common';
import { CliContext } from './cli-context';
import { CloseCycleCommand, ExpireCycleCommand } from './commands/cycle-run.command';
import { DrawAuditCommand } from './commands/draw-audit.command';
import { ImportCommand } from './commands/import.command';
import { IssueCertificatesCommand } from './commands/issue-certificates.command';
import { RebuildCommand } from './commands/rebuild.command';
import { ReportCommand } from './commands/report.command';
import { SeedDemoCommand } from './commands/seed-demo.command';

export const COMMANDS = [
  ImportCommand,
  ReportCommand,
  RebuildCommand,
  CloseCycleCommand,
  ExpireCycleCommand,
  DrawAuditCommand,
  IssueCertificatesCommand,
  SeedDemoCommand,
];

/** The operators' CLI: its commands, and the run they belong to (where to write, which environment). */
@Module({})
export class CliModule {
  static forRun(context: CliContext): DynamicModule {
    return { module: CliModule, providers: [{ provide: CliContext, useValue: context }, ...COMMANDS] };
  }
}
