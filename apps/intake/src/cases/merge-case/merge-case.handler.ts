import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { ErrorCodes, DomainError, type EventMetadata } from '@county/contracts';
import { executeCommand, inTransaction, type EventStore } from '@county/event-store';
import { EVENT_STORE, PG_POOL } from '@county/service-kit';
import { intakeCase, type MergeCase, type UndoMerge } from '../../domain/intake-case';
import { applyIntakeEvent } from '../../storage/case-view';

/** Centre staff merge a case into another one, or undo that; both leave events on the merged case. */
@Injectable()
export class MergeCaseHandler {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(command: MergeCase | UndoMerge, correlationId: string): Promise<{ caseId: string; mergedInto: string | null }> {
    const metadata: EventMetadata = { time: new Date().toISOString(), correlationId, causationId: correlationId };
    return inTransaction(this.pool, async (db) => {
      if (command.type === 'MergeCase') {
        const target = await db.query<{ merged_into: string | null }>('SELECT merged_into FROM intake.case_view WHERE case_id = $1 FOR SHARE', [command.data.intoCaseId]);
        if (!target.rows[0]) throw new DomainError(ErrorCodes.CASE_NOT_FOUND, `no case ${command.data.intoCaseId} to merge into`, 'not-found', { field: 'intoCaseId' });
        if (target.rows[0].merged_into) {
          throw new DomainError(ErrorCodes.CASE_MERGE_TARGET_MERGED, `case ${command.data.intoCaseId} is itself merged into ${target.rows[0].merged_into}`, 'conflict');
        }
      }
      const result = await executeCommand(this.store, command.data.caseId, intakeCase, command, metadata, { client: db });
      for (const e of result.events) await applyIntakeEvent(e, db);
      return { caseId: command.data.caseId, mergedInto: result.state.status === 'merged' ? result.state.intoCaseId : null };
    });
  }
}
