import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { METRICS, type Metric } from '../domain/kpis';
import type { PeriodKind } from '../domain/periods';
import type { PlaceKind } from './reports.service';

const FORMATS = ['json', 'csv'] as const;
const UNIT_KINDS = ['centre', 'supervision', 'department', 'township', 'community', 'grid', 'unknown'] as const;

class FormatDto {
  @ApiPropertyOptional({ enum: FORMATS, description: 'csv for a CSV download (same as Accept: text/csv)' })
  @IsOptional()
  @IsIn(FORMATS)
  readonly format?: (typeof FORMATS)[number];
}

export class KpisQueryDto extends FormatDto {
  @ApiProperty({ enum: ['day', 'month'] })
  @IsIn(['day', 'month'])
  readonly period!: PeriodKind;

  @ApiProperty({ example: '2026-03', description: 'YYYY-MM for a month, YYYY-MM-DD for a day (county time)' })
  @IsString()
  @Matches(/^\d{4}-\d{2}(-\d{2})?$/)
  readonly date!: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS, description: 'only units of this kind (reference data)' })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  readonly unitKind?: string;
}

export class DrillDownQueryDto extends FormatDto {
  @ApiProperty({ enum: ['day', 'month'] })
  @IsIn(['day', 'month'])
  readonly period!: PeriodKind;

  @ApiProperty({ example: '2026-03' })
  @IsString()
  @Matches(/^\d{4}-\d{2}(-\d{2})?$/)
  readonly date!: string;

  @ApiProperty({ enum: METRICS })
  @IsIn(METRICS)
  readonly metric!: Metric;
}

export class RankingsQueryDto extends FormatDto {
  @ApiProperty({ example: '2026-03', description: 'the month ranked, YYYY-MM' })
  @Matches(/^\d{4}-\d{2}$/)
  readonly month!: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS, description: 'rank only units of this kind (townships with townships, departments with departments)' })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  readonly unitKind?: string;
}

export class HotIssuesMonthlyQueryDto extends FormatDto {
  @ApiProperty({ example: '2026-03' })
  @Matches(/^\d{4}-\d{2}$/)
  readonly month!: string;

  @ApiPropertyOptional({ enum: ['grid', 'community', 'township'], default: 'community' })
  @IsOptional()
  @IsIn(['grid', 'community', 'township'])
  readonly placeKind?: PlaceKind;
}

export class HotIssuesRollingQueryDto extends FormatDto {
  @ApiProperty({ example: '2026-03-31', description: 'last local day of the window' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  readonly endDay!: string;

  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 366 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  readonly days?: number;

  @ApiPropertyOptional({ enum: ['grid', 'community', 'township'], default: 'community' })
  @IsOptional()
  @IsIn(['grid', 'community', 'township'])
  readonly placeKind?: PlaceKind;
}

export class HotspotsQueryDto extends FormatDto {
  @ApiProperty({ example: '2026-03' })
  @Matches(/^\d{4}-\d{2}$/)
  readonly month!: string;
}
