import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IsBusinessDate } from '../../audits/business-date';

/** api.md activity body; `reportedBy` and `inScopeHours`, `eventRef` extend it (D3.15, D3.6, D3.16). */
export class ActivityBody {
  @ApiProperty({ example: 'event-attendance' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  activityType!: string;

  @ApiProperty({ example: '2025-03-14' })
  @IsBusinessDate()
  activityDate!: string;

  @ApiProperty({ example: 'NSCA National Conference' })
  @IsString()
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) provider?: string;
  @ApiPropertyOptional({ example: 8 }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) hours?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) inScopeHours?: number;
  @ApiPropertyOptional({ example: 3 }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) creditHours?: number;
  @ApiPropertyOptional({ enum: ['semester', 'quarter'] }) @IsOptional() @IsIn(['semester', 'quarter']) creditSystem?: 'semester' | 'quarter';
  @ApiPropertyOptional({ example: 1.5 }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) ceus?: number;
  @ApiPropertyOptional({ example: 80 }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) quizScore?: number;

  @ApiPropertyOptional({ description: 'Business date it was reported; defaults to today.' })
  @IsOptional()
  @IsBusinessDate()
  reportedOn?: string;

  @ApiPropertyOptional({ description: "The provider's own row id: never counted twice." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalRef?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) eventRef?: string;

  @ApiPropertyOptional({ enum: ['certificant', 'staff'], description: "D3.15: the certificant's own report (default, possibly typed by staff) or added by staff." })
  @IsOptional()
  @IsIn(['certificant', 'staff'])
  reportedBy?: 'certificant' | 'staff';
}

export class ActivityReportedAnswer {
  @ApiProperty() activityId!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ example: 0.8 }) ceus!: number;
  @ApiProperty({ type: [String] }) appliesTo!: string[];
  @ApiProperty({ nullable: true }) position!: number | null;
}
