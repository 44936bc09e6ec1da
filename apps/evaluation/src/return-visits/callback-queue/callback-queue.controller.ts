import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiUnauthorizedResponse, ApiSecurity, ApiResponse } from '@nestjs/swagger';
import { CALLBACK_QUEUE } from '../../openapi.schemas';
import type { Pool } from 'pg';
import { PG_POOL } from '@county/service-kit';
import { CallbackStaffGuard } from '../../auth/callback-staff.guard';

export interface QueuedCase {
  readonly caseId: string;
  readonly unitCode: string | null;
  readonly approvedAt: string | null;
  /** 1 for the first handling, 2 after a reopen. */
  readonly round: number;
  readonly failedAttempts: number;
}

@ApiTags('return visits')
@ApiSecurity('callback-token')
@UseGuards(CallbackStaffGuard)
@Controller('api/v1/return-visits')
export class CallbackQueueController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get()
  @ApiOperation({ summary: 'The callback queue: cases whose result was approved and that wait for a return visit, oldest approval first' })
  @ApiResponse({ status: 200, description: 'queued cases', schema: CALLBACK_QUEUE })
  @ApiUnauthorizedResponse({ description: 'missing or wrong X-Callback-Token' })
  async queue(): Promise<{ cases: QueuedCase[] }> {
    const r = await this.pool.query<{ case_id: string; last_approved_unit: string | null; last_approved_at: Date | null; approvals: number; failed: number }>(
      `SELECT case_id, last_approved_unit, last_approved_at, approvals,
              (SELECT count(*)::int FROM jsonb_array_elements(facts->'failedAttempts') a WHERE a->>'at' >= to_char(last_approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS failed
         FROM evaluation.case_facts WHERE stage = 'awaiting-return-visit' AND NOT merged_away
        ORDER BY last_approved_at, case_id`,
    );
    return {
      cases: r.rows.map((row) => ({ caseId: row.case_id, unitCode: row.last_approved_unit, approvedAt: row.last_approved_at?.toISOString() ?? null, round: row.approvals, failedAttempts: row.failed })),
    };
  }
}
