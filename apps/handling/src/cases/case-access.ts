import { ErrorCodes, DomainError } from '@county/contracts';
import type { PoolClient } from 'pg';
import { UNIT_ROLES, type Principal } from '@county/auth';
import type { CentreFacts } from '../domain/handling-task';

/** Refuses principals that do not act for a unit (the centre, admins): they read, units act. */
export function assertActsForUnit(principal: Principal, options: { leaderOnly?: boolean } = {}): void {
  if (!UNIT_ROLES.includes(principal.role)) {
    throw new DomainError(ErrorCodes.AUTH_ROLE_NOT_ALLOWED, `a ${principal.role} does not act on a unit's cases; the unit's staff do`, 'forbidden');
  }
  if (options.leaderOnly && principal.role !== 'unit-leader') {
    throw new DomainError(ErrorCodes.AUTH_LEADER_REQUIRED, "this needs the unit leader's token", 'forbidden');
  }
}

export function notYourCase(caseId: string, unitCode: string): DomainError {
  return new DomainError(ErrorCodes.CASE_NOT_YOUR_CASE, `case ${caseId} is not a case of ${unitCode}`, 'forbidden');
}

type AssignmentRow = {
  role: 'lead' | 'co-handler';
  active: boolean;
  transfer_rulings: number;
  extension_rulings: number;
  result_rulings: number;
  result_approved: boolean;
  paused: boolean;
  redo_count: number;
};

/**
 * What the centre decided about the case at this unit, read (and share-locked against a
 * concurrent ruling) inside the command's transaction. A unit the case was never assigned to
 * gets a 403: it may not learn whether the case exists.
 */
export async function centreFactsFor(db: PoolClient, caseId: string, unitCode: string): Promise<CentreFacts> {
  const r = await db.query<AssignmentRow>(
    `SELECT role, active, transfer_rulings, extension_rulings, result_rulings, result_approved, paused, redo_count
       FROM handling.assignments WHERE case_id = $1 AND unit_code = $2 FOR SHARE`,
    [caseId, unitCode],
  );
  const row = r.rows[0];
  if (!row) throw notYourCase(caseId, unitCode);
  return {
    role: row.role,
    active: row.active,
    transferRulings: row.transfer_rulings,
    extensionRulings: row.extension_rulings,
    resultRulings: row.result_rulings,
    resultApproved: row.result_approved,
    paused: row.paused,
    reopens: row.redo_count,
  };
}

/** Serialises the commands of one case that depend on each other (blowing a whistle, submitting the result). */
export async function lockCase(db: PoolClient, caseId: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`handling:case:${caseId}`]);
}
