import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class WithdrawActivityBody {
  @ApiProperty({ example: 'Reported on the wrong account' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class CycleCommandAnswer {
  @ApiProperty({ nullable: true, description: 'Global position of the last event written; send it as X-Min-Position to read your write.' })
  position!: number | null;
}
