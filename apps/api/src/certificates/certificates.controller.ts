import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../auth/roles';
import { Meta, type RequestMeta } from '../commands/request-meta';
import type { RunProgress } from '../jobs/run-store';
import { CertificateIssuance } from './issue/certificate-issuance.service';
import { IssueCertificatesBody, VerifiedCertificate } from './issue/issue-certificates.dto';
import { CertificateReadinessQuery } from './readiness/certificate-readiness.query';
import { ReadinessAnswer, ReadinessQuery } from './readiness/readiness.dto';
import { CertificateVerificationQuery } from './verify/certificate-verification.query';

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates')
export class CertificatesController {
  constructor(
    private readonly readiness: CertificateReadinessQuery,
    private readonly issuance: CertificateIssuance,
    private readonly verification: CertificateVerificationQuery,
  ) {}

  /** D7.1, D5.5: complete and not waiting on an audit. */
  @Get('readiness')
  @ApiOkResponse({ type: ReadinessAnswer })
  ready(@Query() query: ReadinessQuery): Promise<ReadinessAnswer> {
    return this.readiness.list(query.cycle, query.limit ?? 100, query.cursor);
  }

  /** D7.1, D7.2: one certificate per ready certification and cycle, in the background. */
  @Post('issue')
  @HttpCode(202)
  @Roles('staff')
  @ApiAcceptedResponse({ description: '{ jobId }: follow it at GET /certificates/runs/:jobId.' })
  issue(@Body() body: IssueCertificatesBody, @Meta() meta: RequestMeta): Promise<{ jobId: string }> {
    return this.issuance.start(body.cycle, meta);
  }

  @Get('runs/:jobId')
  run(@Param('jobId') jobId: string): Promise<RunProgress> {
    return this.issuance.progress(jobId);
  }

  /** D7.2: public, no sign-in. */
  @Get('verify/:code')
  @Public()
  @ApiOkResponse({ type: VerifiedCertificate })
  verify(@Param('code') code: string): Promise<VerifiedCertificate> {
    return this.verification.verify(code);
  }
}
