import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsString } from 'class-validator';

export class ChangeStaffRolesBody {
  @ApiProperty({ example: ['staff', 'auditor'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  roles!: string[];
}

export class StaffRolesChangedAnswer {
  @ApiProperty() staffId!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ description: 'Global position of the last event written; null when the roles were already those.' }) position!: number | null;
}
