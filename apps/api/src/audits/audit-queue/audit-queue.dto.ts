import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CYCLE_NAME } from '../business-date';
import { PageQuery } from '../../http/page-query';

export class AuditQueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'passed', 'failed'] })
  @IsOptional()
  @IsIn(['open', 'passed', 'failed'])
  status?: string;

  @ApiPropertyOptional({ example: '2021-2023' })
  @IsOptional()
  @Matches(CYCLE_NAME, { message: 'cycle must be a cycle name like 2021-2023' })
  cycle?: string;
}
