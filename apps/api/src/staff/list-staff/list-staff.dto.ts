import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListStaffQuery {
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Read your writes: wait for the position in X-Min-Position.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  consistent?: string;
}

export class StaffListItem {
  @ApiProperty() staffId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty() createdOn!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ nullable: true, type: String }) rolesChangedOn!: string | null;
}

export class StaffListAnswer {
  @ApiProperty({ type: [StaffListItem] }) items!: StaffListItem[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
