import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '../business-date';

export class RecordAuditVerdictBody {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  activityId!: string;

  @ApiProperty({ enum: ['accepted', 'rejected'] })
  @IsIn(['accepted', 'rejected'])
  verdict!: 'accepted' | 'rejected';

  @ApiPropertyOptional({ description: 'Required for a rejection (D5.4).', example: 'No certificate of attendance' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ example: '2024-02-25' })
  @IsOptional()
  @IsBusinessDate()
  decidedOn?: string;
}
