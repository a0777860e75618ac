import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CERTIFICATIONS } from '@recert/domain';
import { IsBusinessDate } from '../../audits/business-date';

export class PassExamBody {
  // Not an enum here: the domain names a wrong one (CERTIFICATION_UNKNOWN, RSCC_NOT_A_CERTIFICATION, 422).
  @ApiProperty({ enum: CERTIFICATIONS, example: 'CSCS' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  certification!: string;

  @ApiProperty({ example: '2026-10-02', description: 'Passing the exam again before the deadline recertifies without CEUs (D2.5).' })
  @IsBusinessDate()
  passedOn!: string;
}
