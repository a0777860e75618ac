import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '../../audits/business-date';

export class ReceiveAppealDocumentBody {
  @ApiProperty({ example: 'physician-letter' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  kind!: string;

  @ApiProperty({ example: 'DMS-2024-00456' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reference!: string;

  @ApiPropertyOptional({ example: '2024-02-12' })
  @IsOptional()
  @IsBusinessDate()
  receivedOn?: string;
}

export class AppealCommandAnswer {
  @ApiProperty() appealId!: string;
  @ApiProperty({ type: Number, nullable: true }) position!: number | null;
}
