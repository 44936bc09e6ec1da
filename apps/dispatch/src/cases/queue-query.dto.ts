import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export class QueueQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  readonly limit?: number;

  @ApiPropertyOptional({ description: 'only cases whose lead unit is this unit', example: 'QH-CG' })
  @IsOptional()
  @Matches(UNIT_CODE)
  readonly unitCode?: string;
}
