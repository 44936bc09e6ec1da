import { useT, type MessageKey } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { href } from '../../../lib/router';
import { formatTime, Light, Outcome, Section, Table } from '../../../lib/ui';
import { useBoard, useHealth, type Board, type BoardRow } from '../api/ops';

const LISTS: readonly (readonly [keyof Omit<Board, 'checkedAt'>, MessageKey])[] = [
  ['dueWithinHour', 'dueWithinHour'],
  ['overdue', 'overdue'],
  ['supervised', 'supervised'],
  ['unansweredWhistles', 'unansweredWhistles'],
];

/** The ops engineer on call: the county's clocks (from Temporal), links into the Temporal Web UI, and each service's health. */
export function OpsBoard() {
  const { t, lang } = useT();
  const board = useBoard();
  const health = useHealth();
  return (
    <>
      <Section title={t('opsClocks')}>
        <Outcome error={board.error} />
        {LISTS.map(([key, label]) => (
          <BoardList key={key} label={`${t(label)} (${board.data?.[key].length ?? '…'})`} rows={board.data?.[key] ?? []} />
        ))}
      </Section>
      <Section title={t('health')}>
        <Outcome error={health.error} />
        <table aria-label={t('health')}>
          <thead>
            <tr>
              <th>{t('service')}</th>
              <th>{t('status')}</th>
              <th>ms</th>
              <th>events appended / consumed</th>
            </tr>
          </thead>
          <tbody>
            {health.data?.services.map((s) => (
              <tr key={s.service}>
                <td>
                  {s.service}{' '}
                  <a href={`/svc/${s.service}/metrics`} aria-label={`${s.service} metrics`}>
                    /metrics
                  </a>
                </td>
                <td>{s.status === 'up' ? '● up' : `✕ ${s.status} (${s.httpStatus ?? '-'})`}</td>
                <td>{s.ms}</td>
                <td>
                  {s.counters?.events_appended_total ?? 0} / {s.counters?.events_consumed_total ?? 0}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          {t('checkedAt')} {formatTime(health.data?.checkedAt, lang)}
        </p>
      </Section>
    </>
  );
}

function BoardList({ label, rows }: { label: string; rows: readonly BoardRow[] }) {
  const { t, code, lang } = useT();
  const names = useNames();
  return (
    <Table
      label={label} caption
      columns={[t('case'), t('status'), t('unit'), t('deadline'), t('light'), 'Temporal']}
      rows={rows}
      row={(r) => (
        <tr key={r.workflowId}>
          <td>{r.caseId ? <a href={href('cases', r.caseId)}>{r.caseId}</a> : r.workflowId}</td>
          <td>{code('status', r.status)}</td>
          <td>{names.unit(r.unitCode ?? r.township)}</td>
          <td>{formatTime(r.nextDeadline, lang)}</td>
          <td>
            <Light level={r.warningLevel} overdue={r.overdue} />
          </td>
          <td>
            <a href={r.temporalUrl} target="_blank" rel="noreferrer">
              {t('temporalLink')}
            </a>
          </td>
        </tr>
      )}
    />
  );
}
