import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CYCLE_NAME } from '../../audits/business-date';
import { PageQuery } from '../../http/page-query';

export class AppealsQueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['filed', 'granted', 'denied'] })
  @IsOptional()
  @IsIn(['filed', 'granted', 'denied'])
  status?: string;

  @ApiPropertyOptional({ example: '2021-2023' })
  @IsOptional()
  @Matches(CYCLE_NAME, { message: 'cycle must be a cycle name like 2021-2023' })
  cycle?: string;

  @ApiPropertyOptional({ description: "Only this certificant's appeals." })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  certificantId?: string;
}
