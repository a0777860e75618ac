import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CERTIFICATIONS } from '@recert/domain';
import { CYCLE_NAME } from '../../audits/business-date';

export const CYCLE_STATUSES = ['NotRequired', 'InProgress', 'CeusMet', 'Complete', 'CompleteLate', 'Expired', 'Reinstated'] as const;
import { PageQuery } from '../../http/page-query';

export class CertificantSearchQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of a name, an email or a member id (case-insensitive).', example: 'lovelace' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: CYCLE_STATUSES, description: 'Status of a certification held in `cycle` (default: the current cycle).' })
  @IsOptional()
  @IsIn([...CYCLE_STATUSES])
  status?: string;

  @ApiPropertyOptional({ enum: CERTIFICATIONS })
  @IsOptional()
  @IsIn([...CERTIFICATIONS])
  certification?: string;

  @ApiPropertyOptional({ example: '2024-2026', description: 'The cycle `status` and `currentCycleStatus` speak of; given, it lists only certificants with a status in it.' })
  @IsOptional()
  @Matches(CYCLE_NAME, { message: 'cycle must be a cycle name like 2024-2026' })
  cycle?: string;
}

export class CertificationOnAccountAnswer {
  @ApiProperty({ enum: CERTIFICATIONS }) certification!: string;
  @ApiProperty({ example: '2021-04-12' }) earnedOn!: string;
  @ApiProperty({ description: 'Earned, but its documents have not arrived yet (D1.2).' }) pending!: boolean;
}

class CertificationStatusAnswer {
  @ApiProperty({ enum: CERTIFICATIONS }) certification!: string;
  @ApiProperty({ enum: CYCLE_STATUSES }) status!: string;
  @ApiProperty() required!: boolean;
}

class CurrentCycleStatusAnswer {
  @ApiProperty({ example: '2024-2026' }) cycle!: string;
  @ApiProperty({ type: [CertificationStatusAnswer] }) certifications!: CertificationStatusAnswer[];
}

class CertificantListItem {
  @ApiProperty() certificantId!: string;
  @ApiProperty({ example: 'Ada Quillfeather' }) name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) memberId!: string | null;
  @ApiProperty({ type: [CertificationOnAccountAnswer] }) certifications!: CertificationOnAccountAnswer[];
  @ApiProperty({ type: CurrentCycleStatusAnswer, nullable: true, description: 'From the cycle-status read model; null while it has no row for the cycle.' })
  currentCycleStatus!: CurrentCycleStatusAnswer | null;
}

export class CertificantListAnswer {
  @ApiProperty({ type: [CertificantListItem] }) items!: CertificantListItem[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
