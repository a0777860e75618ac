import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '../business-date';

export class ReceiveAuditDocumentBody {
  @ApiPropertyOptional({ description: 'The activity the document supports; none for the CPR/AED card.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  activityId?: string;

  @ApiProperty({ description: 'What arrived; `cpr-aed` for the CPR/AED card.', example: 'certificate-of-attendance' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  kind!: string;

  @ApiProperty({ description: 'Where it is filed.', example: 'DMS-2024-00123' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reference!: string;

  @ApiPropertyOptional({ example: '2024-02-20' })
  @IsOptional()
  @IsBusinessDate()
  receivedOn?: string;
}

export class AuditCommandAnswer {
  @ApiProperty() auditId!: string;
  @ApiProperty({ type: Number, nullable: true }) position!: number | null;
}
