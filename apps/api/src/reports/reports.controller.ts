import { BadRequestException, Body, Controller, ConflictException, Get, Header, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { normaliseRequest, reportToCsv, ReportRequestInvalid, type ReportResult } from '@recert/jobs';
import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { Roles } from '../auth/roles';
import { Clock } from '../clock/clock';
import { Meta, type RequestMeta } from '../commands/request-meta';
import { DATA_SOURCE } from '../database/tokens';
import { JobQueue } from '../jobs/job-queue';
import { ReportJobEntity, type ReportJobRow, type ReportJobStatus } from './report-jobs-table';
import { ReportBody } from './reports.dto';

export interface ReportAnswer {
  reportId: string;
  status: ReportJobStatus;
  request: ReportJobRow['request'];
  progress: { eventsDone: number; head: unknown };
  result?: ReportResult;
  error?: string;
}

/** api.md "Cycles, imports, reports, projections": reports that replay the history, stored in `report_jobs`. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  private readonly reports: Repository<ReportJobRow>;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {
    this.reports = dataSource.getRepository<ReportJobRow>(ReportJobEntity);
  }

  @Post()
  @HttpCode(202)
  @Roles('staff')
  async request(@Body() body: ReportBody, @Meta() meta: RequestMeta): Promise<{ reportId: string }> {
    const request = {
      type: body.type,
      ...(body.cycle !== undefined ? { cycle: body.cycle } : {}),
      asOf: body.asOf ?? this.clock.today(),
      knownAt: body.knownAt ?? this.clock.now().toISOString(),
    };
    try {
      request.knownAt = normaliseRequest(request).knownAt;
    } catch (error) {
      if (error instanceof ReportRequestInvalid) throw new BadRequestException({ code: error.code, message: error.message });
      throw error;
    }
    const reportId = randomUUID();
    const now = new Date();
    await this.reports.insert({
      reportId,
      status: 'queued',
      request,
      eventsDone: 0,
      result: null,
      error: null,
      requestedBy: meta.actor === 'system' ? null : meta.actor.id,
      createdAt: now,
      updatedAt: now,
    });
    await this.jobs.add('reports', reportId, { type: 'report', reportId, request });
    return { reportId };
  }

  @Get(':reportId')
  async status(@Param('reportId') reportId: string): Promise<ReportAnswer> {
    const row = await this.find(reportId);
    return {
      reportId: row.reportId,
      status: row.status,
      request: row.request,
      progress: { eventsDone: row.eventsDone, head: row.head },
      ...(row.result ? { result: row.result } : {}),
      ...(row.error ? { error: row.error } : {}),
    };
  }

  @Get(':reportId/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  async csv(@Param('reportId') reportId: string): Promise<string> {
    const row = await this.find(reportId);
    if (row.status !== 'done' || !row.result) {
      throw new ConflictException({ code: 'REPORT_NOT_READY', message: `Report ${reportId} is ${row.status}; its CSV is ready once it is done.` });
    }
    return reportToCsv(row.result);
  }

  private async find(reportId: string): Promise<ReportJobRow> {
    const row = await this.reports.findOneBy({ reportId });
    if (!row) throw new NotFoundException({ code: 'REPORT_NOT_FOUND', message: `There is no report ${reportId}.` });
    return row;
  }
}
