import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** api.md, Conventions: lists take `?limit=&cursor=`; every query may ask to read its writes. */
export class PageQuery {
  @ApiPropertyOptional({ maximum: 500, description: 'Items per page (50 by default; 100 for readiness and history).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Read your writes: wait for the position in X-Min-Position.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  consistent?: string;
}
