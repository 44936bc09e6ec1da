import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { URGENCIES, type Urgency } from '@county/contracts';

/** The boxes of a unit's inbox. `open` is every case not yet resolved. */
export const BOXES = ['open', 'new', 'reopened', 'signed', 'due-soon', 'overdue', 'sent-back', 'submitted', 'resolved', 'whistles', 'proactive-tasks'] as const;
export type Box = (typeof BOXES)[number];

export class InboxQueryDto {
  @ApiPropertyOptional({
    enum: BOXES,
    default: 'open',
    description:
      'new: not signed for; reopened: reopened after an unresolved or dissatisfied return visit (重办), to be signed for again; signed: signed, being handled; due-soon: a running deadline was warned about or is near; overdue: a running deadline passed; ' +
      'sent-back: the centre sent the result back for rework; submitted: waiting for review; resolved: result approved; whistles: whistles called to this unit that it has not finished; ' +
      'proactive-tasks: proactive tasks (未诉先办) routed to this unit that it has not closed, with their clocks and linked cases',
  })
  @IsOptional()
  @IsIn(BOXES)
  readonly box?: Box;

  @ApiPropertyOptional({ example: 'URB-ORDER-PARKING' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
  readonly categoryCode?: string;

  @ApiPropertyOptional({ enum: URGENCIES })
  @IsOptional()
  @IsIn(URGENCIES)
  readonly urgency?: Urgency;

  @ApiPropertyOptional({ enum: ['lead', 'co-handler'] })
  @IsOptional()
  @IsIn(['lead', 'co-handler'])
  readonly role?: 'lead' | 'co-handler';

  @ApiPropertyOptional({ description: "the centre and admins read a unit's inbox by its code; units read only their own" })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
  readonly unitCode?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/)
  readonly cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  readonly limit?: number;
}

export class InboxCountsQueryDto {
  @ApiPropertyOptional({ description: "the centre and admins count a unit's inbox by its code; units count only their own" })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
  readonly unitCode?: string;
}
