import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CYCLE_NAME } from '../../audits/business-date';

export class ReadinessQuery {
  @ApiProperty({ example: '2024-2026' })
  @Matches(CYCLE_NAME, { message: 'cycle must be a cycle name like 2024-2026' })
  cycle!: string;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
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
