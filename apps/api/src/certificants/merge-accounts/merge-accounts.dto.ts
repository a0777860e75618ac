import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '../../audits/business-date';

export class MergeAccountsBody {
  @ApiProperty({ description: 'The duplicate account; its history joins this one and it takes no more commands.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  duplicateCertificantId!: string;

  @ApiPropertyOptional({ example: '2024-03-01', description: 'Defaults to today.' })
  @IsOptional()
  @IsBusinessDate()
  mergedOn?: string;
}

export class MergeAccountsAnswer {
  @ApiProperty() certificantId!: string;
  @ApiProperty() duplicateCertificantId!: string;
  @ApiProperty({ type: Number, nullable: true }) position!: number | null;
}
