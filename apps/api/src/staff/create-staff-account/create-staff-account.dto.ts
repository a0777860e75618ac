import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateStaffAccountBody {
  @ApiProperty({ example: 'lee@body.org' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'Lee Park' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: ['staff'], description: 'staff, auditor, committee, admin, viewer' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  roles!: string[];

  @ApiProperty({ example: 'a long passphrase', minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters long.' })
  @MaxLength(1024)
  password!: string;
}

export class StaffAccountCreatedAnswer {
  @ApiProperty() staffId!: string;
  @ApiProperty({ description: 'Global position of the last event written.' }) position!: number | null;
}
