import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@recert/event-store';
import { importStatus, runImport, SqlCertificantDirectory, type ImportStatus } from '@recert/jobs';
import { poolOf } from '@recert/read-models';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { Roles } from '../auth/roles';
import { Clock } from '../clock/clock';
import { Meta, type RequestMeta } from '../commands/request-meta';
import { DATA_SOURCE, EVENT_STORE } from '../database/tokens';
import { JobQueue } from '../jobs/job-queue';
import { ImportBody, RevertImportBody } from './imports.dto';

/** What multer (disk storage) puts on the request: the file is on disk, never wholly in memory. */
interface UploadedCsv {
  path: string;
  originalname: string;
}

type ImportAnswer = ImportStatus | (Omit<ImportStatus, 'status'> & { status: 'queued' | 'failed'; error?: string });

/** api.md "Cycles, imports, reports, projections": batch CEU imports. */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('staff')
  @ApiConsumes('application/json', 'multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { dest: join(tmpdir(), 'recert-uploads') }))
  async start(
    @Body() body: ImportBody,
    @UploadedFile() file: UploadedCsv | undefined,
    @Query('dryRun') dryRun: string | undefined,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    if (!file && !Array.isArray(body.rows)) {
      throw new BadRequestException({ code: 'IMPORT_ROWS_MISSING', message: 'Send JSON { kind, rows } or a multipart form with kind and a CSV file.' });
    }
    if (file && body.rows) {
      await rm(file.path, { force: true });
      throw new BadRequestException({ code: 'IMPORT_ROWS_TWICE', message: 'Send rows or a file, not both.' });
    }
    const importId = randomUUID();
    if (dryRun === 'true') {
      try {
        const result = await runImport(
          { store: this.store, directory: new SqlCertificantDirectory(poolOf(this.dataSource)), clock: this.clock },
          { importId, kind: body.kind, actor: meta.actor, dryRun: true, source: file ? () => createReadStream(file.path) : (body.rows ?? []) },
        );
        response.status(200);
        return result;
      } finally {
        if (file) await rm(file.path, { force: true });
      }
    }
    await this.jobs.add('imports', importId, {
      type: 'import',
      importId,
      kind: body.kind,
      actor: meta.actor,
      ...(file ? { csvPath: file.path, fileName: file.originalname } : { rows: body.rows ?? [] }),
    });
    return { importId };
  }

  @Get(':importId')
  async status(@Param('importId') importId: string): Promise<ImportAnswer> {
    const told = await importStatus(this.store, importId);
    const job = await this.jobs.state('imports', importId);
    // A job that gave up part way leaves its stream "running": say why (running it again resumes).
    if (told) return told.status === 'running' && job?.state === 'failed' ? { ...told, status: 'failed', ...(job.error ? { error: job.error } : {}) } : told;
    if (!job) throw new NotFoundException({ code: 'IMPORT_NOT_FOUND', message: `There is no import ${importId}.` });
    return {
      importId,
      status: job.state === 'failed' ? 'failed' : 'queued',
      kind: null,
      totalRows: 0,
      processedRows: 0,
      acceptedRows: 0,
      duplicateRows: 0,
      rejectedRows: 0,
      rejections: [],
      ...(job.error ? { error: job.error } : {}),
    } as ImportAnswer;
  }

  @Post(':importId/revert')
  @HttpCode(202)
  @Roles('staff')
  async revert(@Param('importId') importId: string, @Body() body: RevertImportBody, @Meta() meta: RequestMeta): Promise<{ importId: string }> {
    const told = await importStatus(this.store, importId);
    if (!told) throw new NotFoundException({ code: 'IMPORT_NOT_FOUND', message: `There is no import ${importId}.` });
    await this.jobs.add('imports', `revert-${importId}`, { type: 'revert-import', importId, reason: body.reason, actor: meta.actor });
    return { importId };
  }
}
