import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { CYCLE_NAME } from '../../audits/business-date';

export class IssueCertificatesBody {
  @ApiProperty({ example: '2021-2023' })
  @IsString()
  @Matches(CYCLE_NAME, { message: 'cycle must be a cycle name like 2021-2023' })
  cycle!: string;
}

export class VerifiedCertificate {
  @ApiProperty() holder!: string;
  @ApiProperty() certification!: string;
  @ApiProperty() cycle!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty() validThrough!: string;
  @ApiProperty() withDistinction!: boolean;
  @ApiProperty({ enum: ['valid', 'expired'] }) status!: 'valid' | 'expired';
  @ApiProperty() verificationCode!: string;
}
