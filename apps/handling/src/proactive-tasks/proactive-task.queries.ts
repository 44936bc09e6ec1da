import type { Pool } from 'pg';
import { DomainError, ErrorCodes } from '@county/contracts';
import { UNIT_ROLES, type Principal } from '@county/auth';
import { decodeCursor, encodeCursor, type InboxFilter, type Page } from '../inbox/inbox.queries';

/** A proactive task (未诉先办) as its unit sees it in the inbox (box=proactive-tasks), beside its cases. */
export interface ProactiveTaskRow {
  readonly kind: 'proactive-task';
  readonly taskId: string;
  readonly hotspotId: string;
  /** lead: the unit the responsibility list routed the task to; cooperating: a cooperating unit (reads, does not act). */
  readonly role: 'lead' | 'cooperating';
  readonly unitCode: string;
  readonly cooperatingUnitCodes: readonly string[];
  /** new: not signed for; signed: being worked on; closed: its closure report is in. */
  readonly status: 'new' | 'signed' | 'closed';
  readonly categoryCode: string;
  readonly placeKind: string;
  readonly placeCode: string;
  readonly townshipCode: string | null;
  /** The month of the hotspot, YYYY-MM. */
  readonly period: string;
  /** The cases behind the hotspot. */
  readonly linkedCaseIds: readonly string[];
  readonly openedAt: string;
  readonly deadline: string;
  readonly signedAt: string | null;
  readonly lastProgressAt: string | null;
  readonly closedAt: string | null;
  /** Closed after the deadline. */
  readonly late: boolean | null;
  /** From the task's workflow: yellow at 50 %, orange at 75 % of the time; overdue once the deadline passed open. */
  readonly warningLevel: 'yellow' | 'orange' | null;
  readonly overdue: boolean;
}

export interface ProactiveTaskView extends ProactiveTaskRow {
  /** Progress notes and the closure report, oldest first. */
  readonly notes: readonly { readonly noteId: string; readonly kind: 'progress' | 'closure'; readonly unitCode: string; readonly text: string; readonly notedAt: string }[];
}

type TaskDbRow = {
  task_id: string;
  hotspot_id: string;
  unit_code: string;
  cooperating_unit_codes: string[];
  category_code: string;
  place_kind: string;
  place_code: string;
  township_code: string | null;
  period: string;
  linked_case_ids: string[];
  opened_at: Date;
  deadline: Date;
  signed_at: Date | null;
  last_progress_at: Date | null;
  closed_at: Date | null;
  late: boolean | null;
  warning_level: 'yellow' | 'orange' | null;
  overdue: boolean | null;
};

const SELECT = `SELECT t.*, k.warning_level, k.overdue FROM handling.proactive_tasks t LEFT JOIN handling.proactive_task_clocks k ON k.task_id = t.task_id`;
const iso = (v: Date | null): string | null => (v === null ? null : new Date(v).toISOString());

function toRow(x: TaskDbRow, unitCode: string): ProactiveTaskRow {
  return {
    kind: 'proactive-task',
    taskId: x.task_id,
    hotspotId: x.hotspot_id,
    role: x.unit_code === unitCode ? 'lead' : 'cooperating',
    unitCode: x.unit_code,
    cooperatingUnitCodes: x.cooperating_unit_codes,
    status: x.closed_at ? 'closed' : x.signed_at ? 'signed' : 'new',
    categoryCode: x.category_code,
    placeKind: x.place_kind,
    placeCode: x.place_code,
    townshipCode: x.township_code,
    period: x.period,
    linkedCaseIds: x.linked_case_ids,
    openedAt: new Date(x.opened_at).toISOString(),
    deadline: new Date(x.deadline).toISOString(),
    signedAt: iso(x.signed_at),
    lastProgressAt: iso(x.last_progress_at),
    closedAt: iso(x.closed_at),
    late: x.late,
    // a closed task shows no light but its lateness
    warningLevel: x.closed_at ? null : x.warning_level,
    overdue: x.closed_at ? x.late === true : x.overdue === true,
  };
}

/** The unit's proactive tasks that are not closed, as its own or as a cooperating unit; newest first, cursor paging. */
export async function proactiveTaskInbox(pool: Pool, f: InboxFilter): Promise<Page<ProactiveTaskRow>> {
  const params: unknown[] = [f.unitCode];
  const where = ['(t.unit_code = $1 OR $1 = ANY(t.cooperating_unit_codes))', 't.closed_at IS NULL'];
  if (f.categoryCode) where.push(`t.category_code = $${params.push(f.categoryCode)}`);
  if (f.role) where.push(f.role === 'lead' ? 't.unit_code = $1' : 't.unit_code <> $1');
  if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor);
    where.push(`(t.opened_at, t.task_id) < ($${params.push(at)}::timestamptz, $${params.push(id)})`);
  }
  const r = await pool.query<TaskDbRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY t.opened_at DESC, t.task_id DESC LIMIT $${params.push(f.limit + 1)}`, params);
  const rows = r.rows.slice(0, f.limit);
  const last = rows[rows.length - 1];
  return { items: rows.map((x) => toRow(x, f.unitCode)), nextCursor: r.rows.length > f.limit && last ? encodeCursor(last.opened_at, last.task_id) : null };
}

/** One task with its notes: its unit and cooperating units read it, and the centre. Any other unit gets a 403. */
export async function proactiveTaskView(pool: Pool, taskId: string, principal: Principal): Promise<ProactiveTaskView> {
  const r = await pool.query<TaskDbRow>(`${SELECT} WHERE t.task_id = $1`, [taskId]);
  const x = r.rows[0];
  const isUnit = UNIT_ROLES.includes(principal.role);
  if (!x) throw new DomainError(ErrorCodes.PROACTIVE_TASK_NOT_FOUND, `no proactive task ${taskId}`, 'not-found');
  if (isUnit && x.unit_code !== principal.unitCode && !x.cooperating_unit_codes.includes(principal.unitCode)) {
    throw new DomainError(ErrorCodes.PROACTIVE_TASK_NOT_YOUR_TASK, `proactive task ${taskId} is not a task of ${principal.unitCode}`, 'forbidden');
  }
  const notes = await pool.query<{ note_id: string; kind: 'progress' | 'closure'; unit_code: string; text: string; noted_at: Date }>(
    `SELECT note_id, kind, unit_code, text, noted_at FROM handling.proactive_task_notes WHERE task_id = $1 ORDER BY noted_at, note_id`,
    [taskId],
  );
  return {
    ...toRow(x, isUnit ? principal.unitCode : x.unit_code),
    notes: notes.rows.map((n) => ({ noteId: n.note_id, kind: n.kind, unitCode: n.unit_code, text: n.text, notedAt: n.noted_at.toISOString() })),
  };
}
