import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CYCLE_NAME } from '../../audits/business-date';
import { PageQuery } from '../../http/page-query';

export class ReadinessQuery extends PageQuery {
  @ApiProperty({ example: '2024-2026' })
  @Matches(CYCLE_NAME, { message: 'cycle must be a cycle name like 2024-2026' })
  cycle!: string;
}

export class ReadinessBlocker {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class ReadinessItemAnswer {
  @ApiProperty() certificantId!: string;
  @ApiProperty() certification!: string;
  @ApiProperty({ description: 'The cycle status of the certification today.' }) status!: string;
  @ApiProperty() ready!: boolean;
  @ApiProperty({ type: [ReadinessBlocker] }) reasons!: ReadinessBlocker[];
}

export class ReadinessAnswer {
  @ApiProperty({ type: [ReadinessItemAnswer] }) items!: ReadinessItemAnswer[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
