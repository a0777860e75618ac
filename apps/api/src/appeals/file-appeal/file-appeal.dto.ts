import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPEAL_GROUNDS, CERTIFICATIONS } from '@recert/domain';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CYCLE_NAME, IsBusinessDate } from '../../audits/business-date';

export class FileAppealBody {
  @ApiProperty()
  @IsUUID()
  certificantId!: string;

  @ApiProperty({ example: '2021-2023' })
  @IsString()
  @Matches(CYCLE_NAME, { message: 'cycle must be a cycle name like 2021-2023' })
  cycle!: string;

  @ApiProperty({ enum: APPEAL_GROUNDS })
  @IsIn(APPEAL_GROUNDS)
  grounds!: string;

  @ApiProperty({ example: 'I was in hospital from October to January.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  statement!: string;

  @ApiPropertyOptional({ description: 'Appeals are filed Feb 1 - Mar 15 after the deadline (D6.2).', example: '2024-02-10' })
  @IsOptional()
  @IsBusinessDate()
  filedOn?: string;

  @ApiPropertyOptional({
    enum: CERTIFICATIONS,
    description: 'The certification appealed for; default: the one expired in the cycle, or the only one held. A reinstatement needs it.',
  })
  @IsOptional()
  @IsIn(CERTIFICATIONS)
  certification?: string;

  @ApiPropertyOptional({ enum: ['appeal', 'accommodation'], default: 'appeal', description: 'An accommodation is asked before the cycle ends (D6.2).' })
  @IsOptional()
  @IsIn(['appeal', 'accommodation'])
  kind?: 'appeal' | 'accommodation';
}

export class FiledAnswer {
  @ApiProperty() appealId!: string;
  @ApiProperty({ type: Number, nullable: true }) position!: number | null;
}
