import { ApiProperty } from '@nestjs/swagger';

/** What every command on a certificant answers. */
export class CertificantCommandAnswer {
  @ApiProperty() certificantId!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Global position of the last event written; send it as X-Min-Position to read your write.' })
  position!: number | null;
}
