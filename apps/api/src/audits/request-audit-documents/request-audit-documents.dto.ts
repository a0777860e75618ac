import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** Beyond api.md: the draw already asks for every counting activity and the card (D5.2, D5.3); this asks again or for more. */
export class RequestAuditDocumentsBody {
  @ApiPropertyOptional({ type: [String], description: 'Default: every activity still counting in the cycle.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  activityIds?: string[];

  @ApiPropertyOptional({ default: true, description: 'Ask for the current CPR/AED card (D5.2).' })
  @IsOptional()
  @IsBoolean()
  cprAed?: boolean;
}
