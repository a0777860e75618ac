import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsBusinessDate } from '../business-date';

export class CloseAuditBody {
  @ApiPropertyOptional({ example: '2024-03-01' })
  @IsOptional()
  @IsBusinessDate()
  decidedOn?: string;
}

export class AuditReason {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class CloseAuditAnswer {
  @ApiProperty() auditId!: string;
  @ApiProperty({ enum: ['passed', 'failed'] }) outcome!: 'passed' | 'failed';
  @ApiProperty({ type: [AuditReason] }) reasons!: AuditReason[];
  @ApiProperty({ type: Number, nullable: true }) position!: number | null;
}
