import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsBusinessDate } from '../audits/business-date';

export class CycleMilestoneBody {
  @ApiPropertyOptional({ description: 'The business date of the close or expiry (default: today).', example: '2024-01-05' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
}

export class RunStarted {
  @ApiProperty({ description: 'Follow it at GET /cycles/:cycle/runs/:jobId (or /certificates/runs/:jobId).' }) jobId!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Position of the milestone event (CycleClosed, GracePeriodEnded), if one was written now.' })
  position!: number | null;
}
