import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CYCLE_NAME } from '../business-date';

export class AuditQueueQuery {
  @ApiPropertyOptional({ enum: ['open', 'passed', 'failed'] })
  @IsOptional()
  @IsIn(['open', 'passed', 'failed'])
  status?: string;

  @ApiPropertyOptional({ example: '2021-2023' })
  @IsOptional()
  @Matches(CYCLE_NAME, { message: 'cycle must be a cycle name like 2021-2023' })
  cycle?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Read your writes: wait for the position in X-Min-Position.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  consistent?: string;
}
