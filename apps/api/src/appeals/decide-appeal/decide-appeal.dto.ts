import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsBusinessDate } from '../../audits/business-date';

export class AppealRemedyBody {
  @ApiProperty({ enum: ['extension', 'reinstatement'] })
  @IsIn(['extension', 'reinstatement'])
  kind!: 'extension' | 'reinstatement';

  @ApiPropertyOptional({ description: 'For an extension: the last day to report (D6.3).', example: '2024-06-30' })
  @ValidateIf((remedy: AppealRemedyBody) => remedy.kind === 'extension' || remedy.until !== undefined)
  @IsBusinessDate()
  until?: string;
}

export class DecideAppealBody {
  @ApiProperty({ enum: ['granted', 'denied'] })
  @IsIn(['granted', 'denied'])
  decision!: 'granted' | 'denied';

  @ApiPropertyOptional({ type: AppealRemedyBody })
  @IsOptional()
  @IsDefined()
  @ValidateNested()
  @Type(() => AppealRemedyBody)
  remedy?: AppealRemedyBody;

  @ApiPropertyOptional({ example: '2024-03-01' })
  @IsOptional()
  @IsBusinessDate()
  decidedOn?: string;

  @ApiProperty({ example: 'Hospital stay documented; reinstated.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  rationale!: string;
}

export class DecidedAnswer {
  @ApiProperty() appealId!: string;
  @ApiProperty({ enum: ['granted', 'denied'] }) decision!: string;
  @ApiProperty({ type: Number, nullable: true }) position!: number | null;
}
