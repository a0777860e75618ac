import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IMPORT_KINDS } from '@recert/domain';
import { IsArray, IsIn, IsOptional, IsString, MinLength } from 'class-validator';

/** POST /imports: JSON `{ kind, rows }`, or a multipart form with `kind` and a CSV `file`. */
export class ImportBody {
  @ApiProperty({ enum: IMPORT_KINDS })
  @IsIn(IMPORT_KINDS, { message: `kind must be one of ${IMPORT_KINDS.join(', ')}` })
  kind!: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } })
  @IsOptional()
  @IsArray()
  rows?: Record<string, unknown>[];
}

export class RevertImportBody {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  reason!: string;
}
