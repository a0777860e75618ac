import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_TYPES } from '@recert/jobs';
import { IsIn, IsOptional, IsString } from 'class-validator';

/** POST /reports: `asOf` defaults to today's business date, `knownAt` to now. */
export class ReportBody {
  @ApiProperty({ enum: REPORT_TYPES })
  @IsIn(REPORT_TYPES, { message: `type must be one of ${REPORT_TYPES.join(', ')}` })
  type!: (typeof REPORT_TYPES)[number];

  @ApiPropertyOptional({ example: '2024-2026' })
  @IsOptional()
  @IsString()
  cycle?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsString()
  asOf?: string;

  @ApiPropertyOptional({ example: '2026-11-24T17:00:00Z' })
  @IsOptional()
  @IsString()
  knownAt?: string;
}
