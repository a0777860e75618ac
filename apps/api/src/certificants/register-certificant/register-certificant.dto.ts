import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class RegisterCertificantBody {
  @ApiProperty({ example: 'Ada' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName!: string;

  @ApiProperty({ example: 'Lovelace' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName!: string;

  @ApiProperty({ example: 'ada@example.org' })
  @IsEmail()
  email!: string;

  @ApiPropertyOptional({ example: 'M-001234' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  memberId?: string;
}

export class RegisteredAnswer {
  @ApiProperty() certificantId!: string;
  @ApiProperty({ description: 'Global position of the last event written; send it as X-Min-Position to read your write.' })
  position!: number | null;
}
