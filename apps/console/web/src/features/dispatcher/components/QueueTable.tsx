import type { ReactNode } from 'react';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { href } from '../../../lib/router';
import { formatTime, Table } from '../../../lib/ui';
import type { QueueRow } from '../api/queues';

export function QueueTable({ label, rows, extra }: { label: string; rows: readonly QueueRow[]; extra?: (r: QueueRow) => ReactNode }) {
  const { t, code, lang } = useT();
  const names = useNames();
  return (
    <Table
      label={label}
      columns={[t('caseId'), t('category'), t('urgency'), t('unit'), t('reason'), t('receivedAt')]}
      rows={rows}
      row={(r) => (
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
      )}
    />
  );
}
