import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const FORMATS = ['json', 'csv'] as const;

export class OpenTaskDto {
  @ApiProperty({ example: 'hotspot-UM.ORDER.OUTDOOR-BBQ-QH-CG-01-01-2026-03', description: 'the stream id (subject) of a hotspot.detected.v1' })
  @IsString()
  @Length(1, 300)
  readonly hotspotId!: string;
}

export class TasksQueryDto {
  @ApiPropertyOptional({ description: "a unit's tasks (the centre may name any unit; a unit reads only its own)" })
  @IsOptional()
  @IsString()
  readonly unitCode?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'], description: 'open: every task not closed (signed for or not)' })
  @IsOptional()
  @IsIn(['open', 'closed'])
  readonly status?: 'open' | 'closed';
}

export class ChooseTopicDto {
  @ApiProperty({ example: '2026-03', description: 'the month the topic is worked on' })
  @Matches(/^\d{4}-\d{2}$/)
  readonly month!: string;

  @ApiProperty({ example: 'UM.ORDER.OUTDOOR-BBQ' })
  @IsString()
  @Length(1, 100)
  readonly categoryCode!: string;

  @ApiProperty({ enum: ['county', 'township', 'community', 'grid'] })
  @IsIn(['county', 'township', 'community', 'grid'])
  readonly placeKind!: 'county' | 'township' | 'community' | 'grid';

  @ApiPropertyOptional({ example: 'QH-CG', description: 'the township, community or grid; absent for the whole county' })
  @IsOptional()
  @IsString()
  readonly placeCode?: string;

  @ApiProperty({ example: 'Outdoor barbecue smoke in Chengguan', description: 'the topic in words (kept by evaluation, not in the event)' })
  @IsString()
  @Length(1, 200)
  readonly title!: string;
}

export class TopicsQueryDto {
  @ApiPropertyOptional({ example: '2026-03' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}$/)
  readonly month?: string;
}

export class TrendQueryDto {
  @ApiPropertyOptional({ default: 3, minimum: 0, maximum: 24, description: 'months before the topic month' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(24)
  readonly before?: number;

  @ApiPropertyOptional({ default: 3, minimum: 0, maximum: 24, description: 'months after the topic month' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(24)
  readonly after?: number;

  @ApiPropertyOptional({ enum: FORMATS, description: 'csv for a CSV download (same as Accept: text/csv)' })
  @IsOptional()
  @IsIn(FORMATS)
  readonly format?: (typeof FORMATS)[number];
}
