import { ErrorCodes, DomainError, type CaseStatus } from '@county/contracts';
import { waitsForReviewSql } from '@county/rules';
import type { Pool } from 'pg';
import type { Box } from './inbox.dto';

export interface DeadlineView {
  readonly clock: string;
  readonly deadline: string;
  readonly warningLevel: string | null;
  readonly overdue: boolean;
}

export interface CaseRow {
  readonly kind: 'case';
  readonly caseId: string;
  readonly role: 'lead' | 'co-handler';
  readonly part: string | null;
  /** Where the case stands for the unit, in the platform's one vocabulary of case statuses. */
  readonly status: CaseStatus;
  readonly categoryCode: string | null;
  readonly urgency: string | null;
  readonly description: string | null;
  readonly address: string | null;
  readonly receivedAt: string | null;
  readonly assignedAt: string;
  readonly signedAt: string | null;
  readonly firstContactAt: string | null;
  readonly lastProgressAt: string | null;
  readonly resultSubmittedAt: string | null;
  readonly sentBackReason: string | null;
  /** How many times the case was reopened for the unit (重办), when and why the last time. */
  readonly redoCount: number;
  readonly reopenedAt: string | null;
  readonly reopenReason: string | null;
  readonly paused: boolean;
  readonly extraWorkingDays: number;
  readonly deadlines: readonly DeadlineView[];
}

export interface WhistleRow {
  readonly kind: 'whistle';
  readonly whistleId: string;
  readonly caseId: string;
  readonly callerUnitCode: string;
  readonly reason: string;
  readonly needs: string;
  readonly urgency: string;
  readonly blownAt: string;
  readonly answeredAt: string | null;
  readonly reportedAt: string | null;
  /** The case workflow found the answer late (whistle.answer-overdue.v1), and whom it escalated to. */
  readonly answerDeadline: string | null;
  readonly answerOverdue: boolean;
  readonly escalatedTo: string | null;
  readonly categoryCode: string | null;
  readonly description: string | null;
  readonly address: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface InboxFilter {
  readonly unitCode: string;
  readonly box: Box;
  readonly categoryCode?: string;
  readonly urgency?: string;
  readonly role?: string;
  readonly cursor?: string;
  readonly limit: number;
  readonly now: Date;
  readonly dueSoonHours: number;
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && !Number.isNaN(Date.parse(v[0])) && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // falls through
  }
  throw new DomainError(ErrorCodes.INBOX_CURSOR_INVALID, 'the cursor is not one this inbox gave out', 'invalid');
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

// the review rule (@county/rules): the unit's results at its task, the centre's rulings at its assignment
const UNDER_REVIEW = waitsForReviewSql('COALESCE(t.results, 0)', 'a.result_rulings', 'a.redo_count');
// reopened and not signed for again since: each round (the first handling, each reopen) is signed for once
const AWAITING_SIGNING = 'COALESCE(t.signings, 0) <= a.redo_count';
// deadlines of clocks that still run for this unit
const RUNNING_DEADLINE = `d.case_id = a.case_id AND d.unit_code IN ('', a.unit_code) AND (
  (d.clock = 'sign-for' AND ${AWAITING_SIGNING}) OR
  (d.clock = 'first-contact' AND t.first_contact_at IS NULL) OR
  (d.clock = 'handling' AND NOT (${UNDER_REVIEW})))`;

const BOX_CONDITIONS: Record<Exclude<Box, 'whistles' | 'proactive-tasks'>, string> = {
  open: 'NOT a.result_approved',
  new: 'NOT a.result_approved AND t.signed_at IS NULL',
  reopened: `NOT a.result_approved AND a.redo_count > 0 AND ${AWAITING_SIGNING}`,
  signed: `NOT a.result_approved AND t.signed_at IS NOT NULL AND NOT ${AWAITING_SIGNING} AND NOT (${UNDER_REVIEW})`,
  'due-soon': `NOT a.result_approved AND EXISTS (SELECT 1 FROM handling.deadlines d WHERE ${RUNNING_DEADLINE}
      AND NOT d.overdue AND d.deadline > :now AND (d.warning_level IS NOT NULL OR d.deadline <= :now + make_interval(hours => :soon)))`,
  overdue: `NOT a.result_approved AND EXISTS (SELECT 1 FROM handling.deadlines d WHERE ${RUNNING_DEADLINE} AND (d.overdue OR d.deadline <= :now))`,
  'sent-back': `NOT a.result_approved AND a.sent_back AND NOT (${UNDER_REVIEW})`,
  submitted: `NOT a.result_approved AND ${UNDER_REVIEW}`,
  resolved: 'a.result_approved',
};

type CaseDbRow = {
  case_id: string;
  role: 'lead' | 'co-handler';
  part: string | null;
  assigned_at: Date;
  sent_back: boolean;
  sent_back_reason: string | null;
  result_approved: boolean;
  result_rulings: number;
  redo_count: number;
  reopened_at: Date | null;
  reopen_reason: string | null;
  paused: boolean;
  extra_working_days: number;
  category_code: string | null;
  urgency: string | null;
  description: string | null;
  address: string | null;
  received_at: Date | null;
  closed_at: Date | null;
  signed_at: Date | null;
  signings: number;
  first_contact_at: Date | null;
  last_progress_at: Date | null;
  result_submitted_at: Date | null;
  results: number;
  under_review: boolean;
  awaiting_signing: boolean;
  deadlines: { clock: string; deadline: string; warning_level: string | null; overdue: boolean }[];
};

const CASE_COLUMNS = `a.case_id, a.role, a.part, a.assigned_at, a.sent_back, a.sent_back_reason, a.result_approved, a.result_rulings, a.paused, a.extra_working_days,
  a.redo_count, a.reopened_at, a.reopen_reason,
  c.category_code, c.urgency, c.description, c.address, c.received_at, c.closed_at,
  t.signed_at, COALESCE(t.signings, 0)::int AS signings, t.first_contact_at, t.last_progress_at, t.result_submitted_at, COALESCE(t.results, 0)::int AS results,
  ${UNDER_REVIEW} AS under_review, (${AWAITING_SIGNING}) AS awaiting_signing,
  COALESCE((SELECT json_agg(json_build_object('clock', d.clock, 'deadline', d.deadline, 'warning_level', d.warning_level, 'overdue', d.overdue) ORDER BY d.deadline)
              FROM handling.deadlines d WHERE d.case_id = a.case_id AND d.unit_code IN ('', a.unit_code)), '[]'::json) AS deadlines`;

const CASE_FROM = `FROM handling.assignments a
  LEFT JOIN handling.cases c ON c.case_id = a.case_id
  LEFT JOIN handling.tasks t ON t.case_id = a.case_id AND t.unit_code = a.unit_code`;

/**
 * Where the case stands for the unit, from the conditions the boxes sort by (computed once, in the
 * query). A result sent back is reworked by the unit that signed for the case: `signed-for` again
 * (its row keeps the reason).
 */
function statusOf(r: CaseDbRow): CaseStatus {
  if (r.closed_at) return 'closed';
  if (r.result_approved) return 'result-approved';
  if (r.under_review) return 'result-submitted';
  if (r.redo_count > 0 && r.awaiting_signing) return 'reopened';
  return r.signed_at ? 'signed-for' : 'dispatched';
}

function toCaseRow(r: CaseDbRow): CaseRow {
  return {
    kind: 'case',
    caseId: r.case_id,
    role: r.role,
    part: r.part,
    status: statusOf(r),
    categoryCode: r.category_code,
    urgency: r.urgency,
    description: r.description,
    address: r.address,
    receivedAt: iso(r.received_at),
    assignedAt: new Date(r.assigned_at).toISOString(),
    signedAt: iso(r.signed_at),
    firstContactAt: iso(r.first_contact_at),
    lastProgressAt: iso(r.last_progress_at),
    resultSubmittedAt: iso(r.result_submitted_at),
    sentBackReason: r.sent_back ? r.sent_back_reason : null,
    redoCount: r.redo_count,
    reopenedAt: iso(r.reopened_at),
    reopenReason: r.reopen_reason,
    paused: r.paused,
    extraWorkingDays: r.extra_working_days,
    deadlines: r.deadlines.map((d) => ({ clock: d.clock, deadline: new Date(d.deadline).toISOString(), warningLevel: d.warning_level, overdue: d.overdue })),
  };
}

export async function caseInbox(pool: Pool, f: InboxFilter): Promise<Page<CaseRow>> {
  const params: unknown[] = [f.unitCode];
  let box = BOX_CONDITIONS[f.box as Exclude<Box, 'whistles' | 'proactive-tasks'>];
  if (box.includes(':now')) box = box.replaceAll(':now', `$${params.push(f.now.toISOString())}::timestamptz`);
  if (box.includes(':soon')) box = box.replaceAll(':soon', `$${params.push(f.dueSoonHours)}::int`);
  const where = ['a.unit_code = $1', 'a.active', box];
  if (f.categoryCode) where.push(`c.category_code = $${params.push(f.categoryCode)}`);
  if (f.urgency) where.push(`c.urgency = $${params.push(f.urgency)}`);
  if (f.role) where.push(`a.role = $${params.push(f.role)}`);
  if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor);
    where.push(`(a.assigned_at, a.case_id) < ($${params.push(at)}::timestamptz, $${params.push(id)})`);
  }
  const r = await pool.query<CaseDbRow>(
    `SELECT ${CASE_COLUMNS} ${CASE_FROM} WHERE ${where.join(' AND ')} ORDER BY a.assigned_at DESC, a.case_id DESC LIMIT $${params.push(f.limit + 1)}`,
    params,
  );
  const rows = r.rows.slice(0, f.limit);
  const last = rows[rows.length - 1];
  return { items: rows.map(toCaseRow), nextCursor: r.rows.length > f.limit && last ? encodeCursor(last.assigned_at, last.case_id) : null };
}

/**
 * How many cases each box of a unit's inbox holds, how many whistles it must still answer and how
 * many proactive tasks it has open (as lead or cooperating unit, as box=proactive-tasks lists
 * them): all of them, not a page.
 */
export async function inboxCounts(pool: Pool, f: { readonly unitCode: string; readonly now: Date; readonly dueSoonHours: number }): Promise<Record<Box, number>> {
  type CaseBox = Exclude<Box, 'whistles' | 'proactive-tasks'>;
  const boxes = Object.keys(BOX_CONDITIONS) as CaseBox[];
  const filters = boxes.map((b) => `count(*) FILTER (WHERE ${BOX_CONDITIONS[b].replaceAll(':now', '$2::timestamptz').replaceAll(':soon', '$3::int')})::int AS "${b}"`);
  const [cases, whistles, tasks] = await Promise.all([
    pool.query<Record<string, number>>(`SELECT ${filters.join(', ')} ${CASE_FROM} WHERE a.unit_code = $1 AND a.active`, [f.unitCode, f.now.toISOString(), f.dueSoonHours]),
    pool.query<{ n: number }>('SELECT count(*)::int AS n FROM handling.whistle_departments wd WHERE wd.department_code = $1 AND wd.finished_at IS NULL AND wd.released_at IS NULL', [f.unitCode]),
    pool.query<{ n: number }>('SELECT count(*)::int AS n FROM handling.proactive_tasks t WHERE (t.unit_code = $1 OR $1 = ANY(t.cooperating_unit_codes)) AND t.closed_at IS NULL', [f.unitCode]),
  ]);
  const row = cases.rows[0] ?? {};
  return {
    ...(Object.fromEntries(boxes.map((b) => [b, row[b] ?? 0])) as Record<CaseBox, number>),
    whistles: whistles.rows[0]?.n ?? 0,
    'proactive-tasks': tasks.rows[0]?.n ?? 0,
  };
}

/** One case as one unit sees it (undefined when the case was never assigned to the unit). */
export async function caseOfUnit(pool: Pool, caseId: string, unitCode: string): Promise<(CaseRow & { active: boolean }) | undefined> {
  const r = await pool.query<CaseDbRow & { active: boolean }>(`SELECT ${CASE_COLUMNS}, a.active ${CASE_FROM} WHERE a.case_id = $1 AND a.unit_code = $2`, [caseId, unitCode]);
  const row = r.rows[0];
  return row ? { ...toCaseRow(row), active: row.active } : undefined;
}

type WhistleDbRow = {
  whistle_id: string;
  case_id: string;
  caller_unit_code: string;
  reason: string;
  needs: string;
  urgency: string;
  blown_at: Date;
  answered_at: Date | null;
  reported_at: Date | null;
  answer_deadline: Date | null;
  answer_overdue: boolean | null;
  supervising_unit_code: string | null;
  category_code: string | null;
  description: string | null;
  address: string | null;
};

export async function whistleInbox(pool: Pool, f: InboxFilter): Promise<Page<WhistleRow>> {
  const params: unknown[] = [f.unitCode];
  const where = ['wd.department_code = $1', 'wd.finished_at IS NULL', 'wd.released_at IS NULL'];
  if (f.categoryCode) where.push(`c.category_code = $${params.push(f.categoryCode)}`);
  if (f.urgency) where.push(`w.urgency = $${params.push(f.urgency)}`);
  if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor);
    where.push(`(wd.blown_at, wd.whistle_id) < ($${params.push(at)}::timestamptz, $${params.push(id)})`);
  }
  const r = await pool.query<WhistleDbRow>(
    `SELECT wd.whistle_id, wd.case_id, w.caller_unit_code, w.reason, w.needs, w.urgency, wd.blown_at, wd.answered_at, wd.reported_at,
            dl.answer_deadline, dl.answer_overdue, dl.supervising_unit_code, c.category_code, c.description, c.address
       FROM handling.whistle_departments wd
       JOIN handling.whistles w ON w.whistle_id = wd.whistle_id
       LEFT JOIN handling.whistle_deadlines dl ON dl.whistle_id = wd.whistle_id AND dl.department_code = wd.department_code
       LEFT JOIN handling.cases c ON c.case_id = wd.case_id
      WHERE ${where.join(' AND ')}
      ORDER BY wd.blown_at DESC, wd.whistle_id DESC LIMIT $${params.push(f.limit + 1)}`,
    params,
  );
  const rows = r.rows.slice(0, f.limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map((x) => ({
      kind: 'whistle',
      whistleId: x.whistle_id,
      caseId: x.case_id,
      callerUnitCode: x.caller_unit_code,
      reason: x.reason,
      needs: x.needs,
      urgency: x.urgency,
      blownAt: new Date(x.blown_at).toISOString(),
      answeredAt: iso(x.answered_at),
      reportedAt: iso(x.reported_at),
      answerDeadline: iso(x.answer_deadline),
      answerOverdue: x.answer_overdue === true && x.answered_at === null,
      escalatedTo: x.supervising_unit_code,
      categoryCode: x.category_code,
      description: x.description,
      address: x.address,
    })),
    nextCursor: r.rows.length > f.limit && last ? encodeCursor(last.blown_at, last.whistle_id) : null,
  };
}

export interface WhistleView {
  readonly whistleId: string;
  readonly caseId: string;
  readonly callerUnitCode: string;
  readonly reason: string;
  readonly needs: string;
  readonly urgency: string;
  readonly blownAt: string;
  /** By when every called department must answer (响应), from the case workflow; null until it is announced. */
  readonly answerDeadline: string | null;
  readonly departments: readonly {
    readonly departmentCode: string;
    readonly answerDeadline: string | null;
    /** Not answered by the answer deadline (and escalated to the supervision office). */
    readonly answerOverdue: boolean;
    readonly answeredAt: string | null;
    readonly reportedAt: string | null;
    readonly finishedAt: string | null;
    readonly releasedAt: string | null;
    readonly rating: number | null;
    readonly comment: string | null;
  }[];
}

type DepartmentDbRow = {
  whistle_id: string;
  department_code: string;
  answer_deadline: Date | null;
  answer_overdue: boolean | null;
  answered_at: Date | null;
  reported_at: Date | null;
  finished_at: Date | null;
  released_at: Date | null;
  rating: number | null;
  comment: string | null;
};

export async function whistlesWhere(pool: Pool, column: 'whistle_id' | 'case_id', value: string): Promise<WhistleView[]> {
  const w = await pool.query<WhistleDbRow>(`SELECT * FROM handling.whistles WHERE ${column} = $1 ORDER BY blown_at, whistle_id`, [value]);
  if (w.rows.length === 0) return [];
  const d = await pool.query<DepartmentDbRow>(
    `SELECT wd.*, dl.answer_deadline, dl.answer_overdue
       FROM handling.whistle_departments wd
       LEFT JOIN handling.whistle_deadlines dl ON dl.whistle_id = wd.whistle_id AND dl.department_code = wd.department_code
      WHERE wd.whistle_id = ANY($1::text[]) ORDER BY wd.department_code`,
    [w.rows.map((x) => x.whistle_id)],
  );
  return w.rows.map((x) => ({
    whistleId: x.whistle_id,
    caseId: x.case_id,
    callerUnitCode: x.caller_unit_code,
    reason: x.reason,
    needs: x.needs,
    urgency: x.urgency,
    blownAt: new Date(x.blown_at).toISOString(),
    answerDeadline: latest(d.rows.filter((y) => y.whistle_id === x.whistle_id).map((y) => y.answer_deadline)),
    departments: d.rows
      .filter((y) => y.whistle_id === x.whistle_id)
      .map((y) => ({
        departmentCode: y.department_code,
        answerDeadline: iso(y.answer_deadline),
        answerOverdue: y.answer_overdue === true && y.answered_at === null,
        answeredAt: iso(y.answered_at),
        reportedAt: iso(y.reported_at),
        finishedAt: iso(y.finished_at),
        releasedAt: iso(y.released_at),
        rating: y.rating,
        comment: y.comment,
      })),
  }));
}

/** The latest of some instants (a whistle has one answer deadline for all its departments). */
function latest(instants: readonly (Date | null)[]): string | null {
  const known = instants.filter((t): t is Date => t !== null).map((t) => new Date(t).getTime());
  return known.length ? new Date(Math.max(...known)).toISOString() : null;
}
