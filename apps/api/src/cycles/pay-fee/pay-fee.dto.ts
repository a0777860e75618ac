import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { CERTIFICATIONS, FEE_TYPES } from '@recert/domain';
import { IsBusinessDate } from '../../audits/business-date';

export class PayFeeBody {
  @ApiProperty({ enum: FEE_TYPES })
  @IsIn(FEE_TYPES)
  feeType!: string;

  @ApiPropertyOptional({ enum: CERTIFICATIONS, description: 'Required for the recertification fee (D4.1).' })
  @IsOptional()
  @IsIn(CERTIFICATIONS)
  certification?: string;

  @ApiProperty({ example: 7500 })
  @IsInt()
  @Min(0)
  amountCents!: number;

  @ApiPropertyOptional({ description: 'Business date of the payment; defaults to today.' })
  @IsOptional()
  @IsBusinessDate()
  paidOn?: string;
}

export class FeePaidAnswer {
  @ApiProperty() feeId!: string;
  @ApiProperty({ nullable: true }) position!: number | null;
}
