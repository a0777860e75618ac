import { ApiProperty } from '@nestjs/swagger';
import { PageQuery } from '../../http/page-query';

export class ListStaffQuery extends PageQuery {}

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
