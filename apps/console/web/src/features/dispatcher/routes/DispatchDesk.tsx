import { useState } from 'react';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { href } from '../../../lib/router';
import { Outcome, Section, formatTime } from '../../../lib/ui';
import { useRecentCases, useTriage } from '../api/queues';
import { QueueTable } from '../components/QueueTable';

/** The dispatcher's desk (派): the triage queue and the newest cases, each opening the case page. */
export function DispatchDesk() {
  const { t, code, lang } = useT();
  const names = useNames();
  const triage = useTriage();
  const [cursors, setCursors] = useState<string[]>([]);
  const recent = useRecentCases(cursors.at(-1));
  return (
    <>
      <Section title={t('triage')}>
        <Outcome error={triage.error} />
        <QueueTable label={t('triage')} rows={triage.data ?? []} />
      </Section>
      <Section
        title={t('recentCases')}
        actions={
          recent.data?.nextCursor ? (
            <button type="button" onClick={() => setCursors([...cursors, recent.data?.nextCursor ?? ''])}>
              {t('page')}
            </button>
          ) : undefined
        }
      >
        <Outcome error={recent.error} />
        <table aria-label={t('recentCases')}>
          <thead>
            <tr>
              <th>{t('caseId')}</th>
              <th>{t('category')}</th>
              <th>{t('urgency')}</th>
              <th>{t('status')}</th>
              <th>{t('responsibleUnit')}</th>
              <th>{t('receivedAt')}</th>
              <th>{t('deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {(recent.data?.items ?? []).map((c) => (
              <tr key={c.caseId}>
                <td>
                  <a href={href('cases', c.caseId)}>{c.caseId}</a>
                </td>
                <td>{names.category(c.categoryCode)}</td>
                <td>{code('urgency', c.urgency)}</td>
                <td>{code('status', c.status)}</td>
                <td>{names.unit(c.responsibleUnit?.code)}</td>
                <td>{formatTime(c.receivedAt, lang)}</td>
                <td>{formatTime(c.deadline, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}
