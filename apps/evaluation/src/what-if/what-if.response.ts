import { ApiProperty } from '@nestjs/swagger';
import { MethodSchema, PeriodSchema, RankingSchema, WeightsSchema } from '../reports/ranking.response';
import { LIST_RULES } from '../domain/fair-ranking';

/** Response schemas of POST /api/v1/what-if (OpenAPI only). */

export class CountedSchema {
  @ApiProperty({ description: 'a category, a township, or "from -> to" units' }) readonly key!: string;
  @ApiProperty() readonly count!: number;
}

export class MovedCaseSchema {
  @ApiProperty() readonly caseId!: string;
  @ApiProperty() readonly categoryCode!: string;
  @ApiProperty({ type: String, nullable: true }) readonly townshipCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'primary unit by the list as it was (null: triage)' }) readonly fromUnitCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'primary unit by the list with the proposal (null: triage)' }) readonly toUnitCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly fromItemId!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly toItemId!: string | null;
}

export class RoutingDiffSchema {
  @ApiProperty({ description: 'cases routed in the period (first dispatch, else reception)' }) readonly casesRouted!: number;
  @ApiProperty({ description: 'cases that would go to another primary unit' }) readonly moved!: number;
  @ApiProperty({ type: [CountedSchema] }) readonly byCategory!: CountedSchema[];
  @ApiProperty({ type: [CountedSchema] }) readonly byTownship!: CountedSchema[];
  @ApiProperty({ type: [CountedSchema] }) readonly byUnitPair!: CountedSchema[];
  @ApiProperty({ type: [MovedCaseSchema] }) readonly cases!: MovedCaseSchema[];
  @ApiProperty({ description: 'true when cases holds fewer than moved (maxCaseIds)' }) readonly casesTruncated!: boolean;
}

export class ClockChangeSchema {
  @ApiProperty() readonly caseId!: string;
  @ApiProperty({ enum: ['sign-for', 'first-contact', 'handling'] }) readonly clock!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the lead unit when the clock was done (or at the proposed deadline)' }) readonly unitCode!: string | null;
  @ApiProperty({ format: 'date-time' }) readonly deadlineBefore!: string;
  @ApiProperty({ format: 'date-time' }) readonly deadlineAfter!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'when it was done; null: not done by the end of the period' }) readonly doneAt!: string | null;
}

export class DeadlineDiffSchema {
  @ApiProperty({ format: 'date-time', description: 'end of the period: a clock not done by then is overdue once its deadline passed' }) readonly asOf!: string;
  @ApiProperty() readonly clocksPlanned!: number;
  @ApiProperty({ description: 'clocks whose deadline moves' }) readonly moved!: number;
  @ApiProperty() readonly earlier!: number;
  @ApiProperty() readonly later!: number;
  @ApiProperty({ description: 'clocks overdue by the rules as they were' }) readonly overdueBefore!: number;
  @ApiProperty({ description: 'clocks overdue with the proposal' }) readonly overdueAfter!: number;
  @ApiProperty({ type: [ClockChangeSchema] }) readonly newlyOverdue!: ClockChangeSchema[];
  @ApiProperty({ type: [ClockChangeSchema] }) readonly noLongerOverdue!: ClockChangeSchema[];
  @ApiProperty() readonly newlyOverdueCount!: number;
  @ApiProperty() readonly noLongerOverdueCount!: number;
  @ApiProperty() readonly casesTruncated!: boolean;
}

export class RankingReportSchema {
  @ApiProperty({ type: WeightsSchema }) readonly weights!: WeightsSchema;
  @ApiProperty() readonly listSize!: number;
  @ApiProperty({ enum: LIST_RULES }) readonly listRule!: string;
  @ApiProperty({ type: MethodSchema }) readonly method!: MethodSchema;
  @ApiProperty({ type: RankingSchema }) readonly ranking!: RankingSchema;
}

export class ListChangeSchema {
  @ApiProperty() readonly unitCode!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['red', 'black'] }) readonly before!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['red', 'black'] }) readonly after!: string | null;
}

export class RankingDiffSchema {
  @ApiProperty({ type: RankingReportSchema, description: 'the ranking as published (live settings)' }) readonly before!: RankingReportSchema;
  @ApiProperty({ type: RankingReportSchema, description: 'with the proposed weights, list size and rule, and the proposed overdue clocks' }) readonly after!: RankingReportSchema;
  @ApiProperty({ type: [ListChangeSchema] }) readonly listChanges!: ListChangeSchema[];
}

export class WhatIfResponseSchema {
  @ApiProperty({ type: PeriodSchema }) readonly period!: PeriodSchema;
  @ApiProperty({ description: 'the position (consumed event sequence) read up to: the same position and proposal give the same report' }) readonly position!: number;
  @ApiProperty() readonly eventsRead!: number;
  @ApiProperty() readonly casesRead!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the proposal as asked' }) readonly proposal!: Record<string, unknown>;
  @ApiProperty({ type: RoutingDiffSchema }) readonly routing!: RoutingDiffSchema;
  @ApiProperty({ type: DeadlineDiffSchema }) readonly deadlines!: DeadlineDiffSchema;
  @ApiProperty({ type: RankingDiffSchema }) readonly ranking!: RankingDiffSchema;
}
