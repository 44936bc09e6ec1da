import type { PoolClient } from 'pg';
import type {
  CaseDispatchedData,
  CaseExtensionRequestRegisteredData,
  CasePauseRequestRegisteredData,
  CaseResultRegisteredData,
  CaseSentToTriageData,
  CaseTransferApprovedData,
  CaseTransferRejectedData,
  CaseTransferRequestRegisteredData,
} from '@county/contracts';
import { schemaIdent, type Projection, type StoredEvent } from '@county/event-store';

/**
 * The centre's desks, built from dispatch's own events: one row per case with what waits for a
 * dispatcher (triage, a transfer request, a result to review, an extension or pause request),
 * and the transfers counted against each unit that asked.
 */
export class CaseQueuesProjection implements Projection {
  readonly name = 'case-queues';
  private readonly cases: string;
  private readonly units: string;

  constructor(schema: string) {
    this.cases = `${schemaIdent(schema)}.case_queue`;
    this.units = `${schemaIdent(schema)}.unit_transfers`;
  }

  async reset(db: PoolClient): Promise<void> {
    await db.query(`TRUNCATE ${this.cases}, ${this.units}`);
  }

  private async set(db: PoolClient, event: StoredEvent, assignments: string, values: unknown[]): Promise<void> {
    await db.query(`UPDATE ${this.cases} SET ${assignments}, version = $2, updated_at = $3 WHERE case_id = $1`, [event.subject, event.sequence, event.time, ...values]);
  }

  private async count(db: PoolClient, unitCode: string, add: { requested?: number; approved?: number; rejected?: number }): Promise<void> {
    const [r, a, j] = [add.requested ?? 0, add.approved ?? 0, add.rejected ?? 0];
    await db.query(
      `INSERT INTO ${this.units} AS t (unit_code, requested, approved, rejected) VALUES ($1, $2, $3, $4)
       ON CONFLICT (unit_code) DO UPDATE SET requested = t.requested + $2, approved = t.approved + $3, rejected = t.rejected + $4`,
      [unitCode, r, a, j],
    );
  }

  async apply(event: StoredEvent, db: PoolClient): Promise<void> {
    switch (event.type) {
      case 'case.sent-to-triage.v1': {
        const d = event.data as CaseSentToTriageData;
        await db.query(
          `INSERT INTO ${this.cases} (case_id, status, category_code, urgency, township_code, triage_reason, version, updated_at)
           VALUES ($1, 'triage', $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id) DO NOTHING`,
          [event.subject, d.categoryCode ?? null, d.urgency ?? null, d.townshipCode ?? null, d.reason, event.sequence, event.time],
        );
        return;
      }
      case 'case.dispatched.v1': {
        const d = event.data as CaseDispatchedData;
        await db.query(
          `INSERT INTO ${this.cases} (case_id, status, category_code, urgency, township_code, primary_unit_code, cooperating_unit_codes, basis, final, version, updated_at)
           VALUES ($1, 'dispatched', $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (case_id) DO UPDATE SET status = 'dispatched', category_code = $2, urgency = $3, township_code = $4, primary_unit_code = $5,
             cooperating_unit_codes = $6, basis = $7, final = ${this.cases}.final OR $8, triage_reason = NULL,
             pending_transfer = NULL, pending_extension = NULL, pending_pause = NULL, version = $9, updated_at = $10`,
          [event.subject, d.categoryCode, d.urgency, d.townshipCode ?? null, d.primaryUnitCode, JSON.stringify(d.cooperatingUnitCodes), JSON.stringify(d.basis), d.final === true, event.sequence, event.time],
        );
        return;
      }
      case 'case.transfer-request-registered.v1': {
        const d = event.data as CaseTransferRequestRegisteredData;
        await this.set(db, event, 'pending_transfer = $4', [JSON.stringify({ unitCode: d.unitCode, reason: d.reason, requestedAt: d.requestedAt, windowEndsAt: d.windowEndsAt })]);
        await this.count(db, d.unitCode, { requested: 1 });
        return;
      }
      case 'case.transfer-approved.v1': {
        const d = event.data as CaseTransferApprovedData;
        await this.set(db, event, 'pending_transfer = NULL, transfer_count = $4', [d.transferCount]);
        await this.count(db, d.fromUnitCode, { approved: 1 });
        return;
      }
      case 'case.transfer-rejected.v1': {
        const d = event.data as CaseTransferRejectedData;
        await this.set(db, event, 'pending_transfer = NULL', []);
        // a request the rules refused at once was never registered: count it as asked too
        await this.count(db, d.unitCode, { rejected: 1, requested: d.automatic === true ? 1 : 0 });
        return;
      }
      case 'case.result-registered.v1': {
        const d = event.data as CaseResultRegisteredData;
        await this.set(db, event, "pending_review = $4, status = 'dispatched'", [JSON.stringify({ unitCode: d.unitCode, result: d.result, evidenceUrls: d.evidenceUrls, submittedAt: d.submittedAt })]);
        return;
      }
      case 'case.result-approved.v1':
        await this.set(db, event, "pending_review = NULL, status = 'resolved'", []);
        return;
      case 'case.result-sent-back.v1':
        await this.set(db, event, 'pending_review = NULL', []);
        return;
      case 'case.extension-request-registered.v1': {
        const d = event.data as CaseExtensionRequestRegisteredData;
        await this.set(db, event, 'pending_extension = $4', [JSON.stringify({ unitCode: d.unitCode, extraWorkingDays: d.extraWorkingDays, reason: d.reason, requestedAt: d.requestedAt, deadline: d.deadline })]);
        return;
      }
      case 'case.extension-approved.v1':
      case 'case.extension-rejected.v1':
        await this.set(db, event, 'pending_extension = NULL', []);
        return;
      case 'case.pause-request-registered.v1': {
        const d = event.data as CasePauseRequestRegisteredData;
        await this.set(db, event, 'pending_pause = $4', [JSON.stringify({ unitCode: d.unitCode, reason: d.reason, requestedAt: d.requestedAt })]);
        return;
      }
      case 'case.clock-paused.v1':
        await this.set(db, event, 'pending_pause = NULL, paused = true', []);
        return;
      case 'case.pause-rejected.v1':
        await this.set(db, event, 'pending_pause = NULL', []);
        return;
      case 'case.clock-resumed.v1':
        await this.set(db, event, 'paused = false', []);
        return;
      default:
        return;
    }
  }
}
