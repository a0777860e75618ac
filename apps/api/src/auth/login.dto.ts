import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginBody {
  @ApiProperty({ example: 'admin@recert.test' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class SessionAnswer {
  @ApiProperty({ description: 'Send as Authorization: Bearer <token>.' }) token!: string;
  @ApiProperty({ example: '2026-11-24T20:00:00.000Z' }) expiresAt!: string;
}
