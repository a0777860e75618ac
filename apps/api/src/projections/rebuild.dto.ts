import { ApiProperty } from '@nestjs/swagger';
import type { RunState } from '../jobs/run-store';

export class RebuildStarted {
  @ApiProperty({ description: 'Follow it at GET /projections/:name/rebuilds/:jobId.' }) jobId!: string;
}

/** `GET /projections/:name/rebuilds/:jobId`: a rebuild job as its run row tells it. */
export class RebuildRunAnswer {
  @ApiProperty() jobId!: string;
  @ApiProperty({ example: 'cycle_status' }) projection!: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'], description: '`running` from the request until the rebuilt tables are swapped in.' })
  state!: RunState;
  @ApiProperty({ description: 'Events folded into the fresh tables so far (at the end: up to where they were swapped in).' }) eventsDone!: number;
  @ApiProperty({ description: 'Global position of the newest event in the store when last looked at.' }) head!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}
