import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CERTIFICATIONS } from '@recert/domain';
import { IsBusinessDate } from '../../audits/business-date';

export class EarnCertificationBody {
  // Not an enum here: the domain names a wrong one (CERTIFICATION_UNKNOWN, RSCC_NOT_A_CERTIFICATION, 422).
  @ApiProperty({ enum: CERTIFICATIONS, example: 'CSCS' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  certification!: string;

  @ApiProperty({ example: '2022-05-14', description: 'The day the exam was passed; the certification stays pending until its documents arrive (D1.2).' })
  @IsBusinessDate()
  earnedOn!: string;
}
