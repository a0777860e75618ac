import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '../../audits/business-date';

export class ReceiveCertificationDocumentsBody {
  @ApiProperty({ type: [String], example: ['exam-score-report.pdf'], description: 'References of the documents received.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  documents!: string[];

  @ApiPropertyOptional({ example: '2022-05-20', description: 'Defaults to today.' })
  @IsOptional()
  @IsBusinessDate()
  receivedOn?: string;
}
