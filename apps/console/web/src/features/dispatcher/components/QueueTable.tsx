import type { ReactNode } from 'react';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { href } from '../../../lib/router';
import { formatTime } from '../../../lib/ui';
import type { QueueRow } from '../api/queues';

export function QueueTable({ label, rows, extra }: { label: string; rows: readonly QueueRow[]; extra?: (r: QueueRow) => ReactNode }) {
  const { t, code, lang } = useT();
  const names = useNames();
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th>{t('caseId')}</th>
          <th>{t('category')}</th>
          <th>{t('urgency')}</th>
          <th>{t('unit')}</th>
          <th>{t('reason')}</th>
          <th>{t('receivedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={6}>{t('none')}</td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={r.caseId}>
            <td>
              <a href={href('cases', r.caseId)}>{r.caseId}</a>
              {r.reopen && <span> · {t('reopened')} {r.reopen.redoCount}</span>}
            </td>
            <td>{names.category(r.categoryCode)}</td>
            <td>{code('urgency', r.urgency)}</td>
            <td>{names.unit(r.primaryUnitCode ?? r.townshipCode)}</td>
            <td>{extra ? extra(r) : (r.triageReason ?? '—')}</td>
            <td>{formatTime(r.updatedAt, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
