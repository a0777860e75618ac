import { ApiProperty } from '@nestjs/swagger';

export class ParkedStreamAnswer {
  @ApiProperty({ example: 'cycle-3f6c…-2024-2026' }) streamId!: string;
  @ApiProperty({ description: 'Revision of the event that failed; it and every later event of the stream wait.' })
  fromRevision!: number;
  @ApiProperty() eventType!: string;
  @ApiProperty({ description: 'Global position of the event that failed.' }) position!: number;
  @ApiProperty({ description: 'Events of the stream held back so far, the failing one included.' }) parkedEvents!: number;
  @ApiProperty() error!: string;
  @ApiProperty() parkedAt!: string;
  @ApiProperty({ type: String, nullable: true }) retryRequestedAt!: string | null;
}

export class RebuildAnswer {
  @ApiProperty() version!: number;
  @ApiProperty() position!: number;
  @ApiProperty() eventsDone!: number;
  @ApiProperty() startedAt!: string;
}

export class ProjectionStatusAnswer {
  @ApiProperty({ example: 'cycle_status' }) name!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['running', 'rebuilding', 'stopped', 'failed'] }) status!: string;
  @ApiProperty({ description: 'Global position of the last event the projection has passed.' }) position!: number;
  @ApiProperty({ description: 'Global position of the newest event in the store.' }) head!: number;
  @ApiProperty({ description: 'Events between the position and the head (0 when caught up).' }) lag!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The instance running it.' }) owner!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastErrorAt!: string | null;
  @ApiProperty({ description: 'How many streams are parked.' }) parkedStreams!: number;
  @ApiProperty({ type: [ParkedStreamAnswer] }) parked!: ParkedStreamAnswer[];
  @ApiProperty({ type: RebuildAnswer, nullable: true }) rebuild!: RebuildAnswer | null;
}

export class ProjectionsAnswer {
  @ApiProperty({ type: [ProjectionStatusAnswer] }) items!: ProjectionStatusAnswer[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor!: null;
}
