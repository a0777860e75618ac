import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CYCLE_NAME } from '../business-date';

export class DrawAuditsBody {
  @ApiProperty({ example: '2021-2023' })
  @IsString()
  @Matches(CYCLE_NAME, { message: 'cycle must be a cycle name like 2021-2023' })
  cycle!: string;

  @ApiPropertyOptional({ description: 'Share of those who completed, above 0 and at most 1 (default: the policy\'s rate).', example: 0.05 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  rate?: number;

  @ApiPropertyOptional({ description: 'How many to draw (instead of a rate).', example: 10 })
  @IsOptional()
  @IsInt()
  @Min(0)
  count?: number;

  @ApiProperty({ description: 'D5.1: the same seed and population draw the same people.', example: '2024-02-10 committee meeting' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  seed!: string;
}

export class DrawnAudit {
  @ApiProperty() auditId!: string;
  @ApiProperty() certificantId!: string;
}

export class DrawAnswer {
  @ApiProperty() drawId!: string;
  @ApiProperty({ type: [DrawnAudit] }) selected!: DrawnAudit[];
  @ApiProperty({ description: 'How many completed the cycle: the population drawn from.' }) population!: number;
  @ApiProperty({ type: Number, nullable: true }) position!: number | null;
}
