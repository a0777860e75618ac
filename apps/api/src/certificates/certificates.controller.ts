import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CertificateReadinessQuery } from './readiness/certificate-readiness.query';
import { ReadinessAnswer, ReadinessQuery } from './readiness/readiness.dto';

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates')
export class CertificatesController {
  constructor(private readonly readiness: CertificateReadinessQuery) {}

  /** D7.1, D5.5: complete and not waiting on an audit. */
  @Get('readiness')
  @ApiOkResponse({ type: ReadinessAnswer })
  ready(@Query() query: ReadinessQuery): Promise<ReadinessAnswer> {
    return this.readiness.list(query.cycle, query.limit ?? 100, query.cursor);
  }
}
