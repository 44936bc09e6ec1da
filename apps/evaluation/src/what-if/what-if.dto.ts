import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { TIME_UNITS, URGENCIES } from '@county/reference';
import { LIST_RULES } from '../domain/fair-ranking';

const UNIT_KINDS = ['centre', 'supervision', 'department', 'township', 'community', 'grid', 'unknown'] as const;

export class TimeAmountDto {
  @ApiProperty({ minimum: 0, example: 24, description: 'whole for working-days' })
  @IsNumber()
  @Min(0)
  readonly value!: number;

  @ApiProperty({ enum: TIME_UNITS })
  @IsIn(TIME_UNITS)
  readonly unit!: (typeof TIME_UNITS)[number];
}

export class LimitOverrideDto {
  @ApiPropertyOptional({ example: 'UM.ORDER.PARKING', description: 'one leaf category; every category when absent' })
  @IsOptional()
  @IsString()
  readonly categoryCode?: string;

  @ApiPropertyOptional({ enum: URGENCIES, description: 'one urgency; every urgency when absent' })
  @IsOptional()
  @IsIn(URGENCIES)
  readonly urgency?: (typeof URGENCIES)[number];

  @ApiPropertyOptional({ type: TimeAmountDto, description: 'sign-for limit, from dispatch' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TimeAmountDto)
  readonly signFor?: TimeAmountDto;

  @ApiPropertyOptional({ type: TimeAmountDto, description: 'first-contact limit, from dispatch' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TimeAmountDto)
  readonly firstContact?: TimeAmountDto;

  @ApiPropertyOptional({ type: TimeAmountDto, description: 'handling limit, from dispatch' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TimeAmountDto)
  readonly handling?: TimeAmountDto;
}

export class WarningDto {
  @ApiProperty({ example: 0.5, description: 'share of the time to the deadline, between 0 and 1' })
  @IsNumber()
  @Min(0.01)
  @Max(0.99)
  readonly fraction!: number;

  @ApiProperty({ type: [String], enum: ['handler', 'unit-leader'] })
  @IsArray()
  @IsIn(['handler', 'unit-leader'], { each: true })
  readonly notify!: ('handler' | 'unit-leader')[];
}

export class PolicyProposalDto {
  @ApiPropertyOptional({ type: [LimitOverrideDto], description: 'applied in order over the live policy; a later override of the same limit wins' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => LimitOverrideDto)
  readonly limits?: LimitOverrideDto[];

  @ApiPropertyOptional({ type: [WarningDto], description: 'replaces the warning fractions of every policy' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => WarningDto)
  readonly warnings?: WarningDto[];
}

export class ListProposalDto {
  @ApiPropertyOptional({ description: 'a change proposed to the responsibility list (its upserts and removals); not together with upserts/removals' })
  @IsOptional()
  @IsString()
  readonly changeId?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object' },
    description: 'items written for the question, in the shape of responsibility-list items ({ id, categoryCode, scope: { kind: county | urban | rural | township, townshipCode? }, primary: { level, unitCode? }, cooperating: [...] }), checked by the list\'s own admission rules',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  readonly upserts?: Record<string, unknown>[];

  @ApiPropertyOptional({ type: [String], description: 'ids of items taken out' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  readonly removals?: string[];
}

export class WeightsDto {
  @ApiProperty({ minimum: 0 }) @IsNumber() @Min(0) readonly response!: number;
  @ApiProperty({ minimum: 0 }) @IsNumber() @Min(0) readonly resolution!: number;
  @ApiProperty({ minimum: 0 }) @IsNumber() @Min(0) readonly satisfaction!: number;
}

export class RankingProposalDto {
  @ApiPropertyOptional({ type: WeightsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeightsDto)
  readonly weights?: WeightsDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 50 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  readonly listSize?: number;

  @ApiPropertyOptional({ enum: LIST_RULES })
  @IsOptional()
  @IsIn(LIST_RULES)
  readonly listRule?: (typeof LIST_RULES)[number];
}

export class WhatIfRequestDto {
  @ApiProperty({ example: '2026-03', description: 'the month replayed, YYYY-MM (county time)' })
  @Matches(/^\d{4}-\d{2}$/)
  readonly month!: string;

  @ApiPropertyOptional({ minimum: 0, description: 'read the events up to this position (evaluation.consumed_events.seq); the latest when absent. The report names the position it read up to: give it again to get the same report.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  readonly position?: number;

  @ApiPropertyOptional({ enum: UNIT_KINDS, description: 'rank only units of this kind' })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  readonly unitKind?: string;

  @ApiPropertyOptional({ type: ListProposalDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ListProposalDto)
  readonly list?: ListProposalDto;

  @ApiPropertyOptional({ type: PolicyProposalDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PolicyProposalDto)
  readonly deadlinePolicy?: PolicyProposalDto;

  @ApiPropertyOptional({ type: RankingProposalDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RankingProposalDto)
  readonly ranking?: RankingProposalDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 5000, default: 1000, description: 'at most this many case ids per list in the report (counts are always complete)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5000)
  readonly maxCaseIds?: number;
}
