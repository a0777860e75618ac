import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '../../audits/business-date';

export class RecordCprAedBody {
  @ApiProperty({ example: 'American Red Cross' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  provider!: string;

  @ApiProperty({ example: '2023-01-15' })
  @IsBusinessDate()
  completedOn!: string;

  @ApiProperty({ example: '2025-01-15' })
  @IsBusinessDate()
  expiresOn!: string;

  @ApiProperty({ description: 'The course covers adults (D1.4).' })
  @IsBoolean()
  coversAdult!: boolean;

  @ApiProperty({ description: 'A hands-on skills evaluation was part of it (D1.4).' })
  @IsBoolean()
  skillsEvaluation!: boolean;

  @ApiProperty()
  @IsBoolean()
  deliveredOnline!: boolean;
}
