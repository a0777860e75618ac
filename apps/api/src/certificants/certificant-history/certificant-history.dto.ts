import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../../http/page-query';

export class CertificantHistoryQuery extends PageQuery {
  // The timeline pages by global position, so its cursor is a number.
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'cursor must be the nextCursor of an earlier page' })
  declare cursor?: string;
}

class HistoryItem {
  @ApiProperty({ description: 'Global position of the event; the timeline is in this order.' }) position!: number;
  @ApiProperty({ example: 'CertificationEarned' }) type!: string;
  @ApiProperty({ example: '2021-04-12', description: 'The business date the fact is about.' }) occurredAt!: string;
  @ApiProperty({ example: '2025-03-10T15:04:05.000Z', description: 'When the system recorded it.' }) recordedAt!: string;
  @ApiProperty({ description: '`{ id, role }` of the staff member, or "system".', oneOf: [{ type: 'object' }, { type: 'string' }] }) actor!: unknown;
  @ApiProperty({ example: 'Earned CSCS on 2021-04-12; pending until the documents arrive.' }) summary!: string;
  @ApiProperty({ description: 'The account the event was recorded on (a merged duplicate\'s, for its history).' }) certificantId!: string;
  @ApiProperty() streamId!: string;
}

export class CertificantHistoryAnswer {
  @ApiProperty({ type: [HistoryItem] }) items!: HistoryItem[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
