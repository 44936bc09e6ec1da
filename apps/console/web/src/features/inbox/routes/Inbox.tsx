import { useState } from 'react';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { href } from '../../../lib/router';
import { formatTime, Light, Outcome, Section, Table, TimeLeft, useTimeLeft } from '../../../lib/ui';
import { BOXES, nextDeadline, useBoxPage, useInboxCounts, type Box } from '../api/inbox';
import type { CaseRow, WhistleRow } from '../api/types';

/**
 * A unit's inbox (办): boxes with the counts of the whole box (handling counts them), the box's rows
 * a page at a time, sorted by the next deadline, each with its light and working time left.
 */
export function Inbox() {
  const { t, code, lang } = useT();
  const names = useNames();
  const counts = useInboxCounts();
  const [box, setBox] = useState<Box>('new');
  // the cursors of the pages before this one: [] on the first page
  const [cursors, setCursors] = useState<string[]>([]);
  const current = useBoxPage(box, cursors.at(-1));
  const rows = current.data?.items ?? [];
  const caseRows = (rows.filter((r) => r.kind === 'case') as CaseRow[]).sort((a, b) => (nextDeadline(a) ?? '9').localeCompare(nextDeadline(b) ?? '9'));
  const whistleRows = (rows.filter((r) => r.kind === 'whistle') as WhistleRow[]).sort((a, b) => (a.answerDeadline ?? '9').localeCompare(b.answerDeadline ?? '9'));
  const left = useTimeLeft([...caseRows.flatMap((r) => r.deadlines.map((d) => d.deadline)), ...whistleRows.flatMap((w) => (w.answerDeadline ? [w.answerDeadline] : []))]);

  return (
    <Section title={t('navInbox')}>
      <div role="tablist" aria-label={t('box')} className="tabs">
        {BOXES.map((b) => {
          const n = counts.data?.counts[b];
          const count = n === undefined ? '…' : String(n);
          return (
            <button
              key={b}
              role="tab"
              aria-selected={b === box}
              onClick={() => {
                setBox(b);
                setCursors([]);
              }}
              className={b === box ? 'active' : ''}
            >
              {code('box', b)} ({count})
            </button>
          );
        })}
      </div>
      <Outcome error={counts.error ?? current.error} />
      <Pager page={cursors.length + 1} onBack={cursors.length > 0 ? () => setCursors(cursors.slice(0, -1)) : undefined} onNext={current.data?.nextCursor ? () => setCursors([...cursors, current.data?.nextCursor ?? '']) : undefined} />
      {box !== 'whistles' ? (
        <Table
          label={code('box', box)}
          columns={[t('caseId'), t('category'), t('urgency'), t('status'), t('deadline'), t('light'), t('timeLeft')]}
          rows={caseRows}
          row={(r) => {
            const next = [...r.deadlines].sort((a, b) => a.deadline.localeCompare(b.deadline))[0];
            return (
              <tr key={r.caseId}>
                <td>
                  <a href={href('cases', r.caseId)}>{r.caseId}</a>
                  {r.role === 'co-handler' && <span> · {t('part')}</span>}
                </td>
                <td>{names.category(r.categoryCode)}</td>
                <td>{code('urgency', r.urgency)}</td>
                <td>{code('status', r.status)}</td>
                <td>{next ? `${code('clock', next.clock)} ${formatTime(next.deadline, lang)}` : '—'}</td>
                <td>{next ? <Light level={next.warningLevel} overdue={next.overdue} /> : '—'}</td>
                <td>{next ? <TimeLeft minutes={left.data?.minutes[next.deadline]} /> : '—'}</td>
              </tr>
            );
          }}
        />
      ) : (
        <Table
          label={t('whistleToAnswer')}
          columns={[t('whistle'), t('caller'), t('needs'), t('answerDeadline'), t('light'), t('timeLeft')]}
          rows={whistleRows}
          row={(w) => (
            <tr key={w.whistleId}>
              <td>
                <a href={href('whistles', w.whistleId)}>{w.reason}</a>
              </td>
              <td>{names.unit(w.callerUnitCode)}</td>
              <td>{w.needs}</td>
              <td>{formatTime(w.answerDeadline, lang)}</td>
              <td>{w.answeredAt ? code('box', 'resolved') : <Light level={w.answerOverdue ? 'red' : 'none'} overdue={w.answerOverdue} />}</td>
              <td>{w.answerDeadline && !w.answeredAt ? <TimeLeft minutes={left.data?.minutes[w.answerDeadline]} /> : '—'}</td>
            </tr>
          )}
        />
      )}
    </Section>
  );
}

/** Back and on through a long box, a page at a time. */
function Pager({ page, onBack, onNext }: { page: number; onBack?: () => void; onNext?: () => void }) {
  const { t } = useT();
  if (!onBack && !onNext) return null;
  return (
    <div className="pager">
      <button type="button" onClick={onBack} disabled={!onBack}>
        {t('previousPage')}
      </button>
      <span>
        {t('pageNumber')} {page}
      </span>
      <button type="button" onClick={onNext} disabled={!onNext}>
        {t('page')}
      </button>
    </div>
  );
}
