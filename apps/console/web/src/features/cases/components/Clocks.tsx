import { useT } from '../../../lib/i18n';
import { formatTime, Light, Section, Table, TimeLeft, useTimeLeft } from '../../../lib/ui';
import type { CentreCase, UnitCase } from '../api/types';

/** Every clock of the case with its light and the working time left. */
export function Clocks({ unit, centre }: { unit?: UnitCase; centre?: CentreCase }) {
  const { t, code, lang } = useT();
  const rows = [...(unit?.deadlines ?? [])];
  if (rows.length === 0 && centre?.state.handlingDeadline) rows.push({ clock: 'handling', deadline: centre.state.handlingDeadline, warningLevel: null, overdue: false });
  if (centre?.state.transferWindowEndsAt && !rows.some((r) => r.clock === 'transfer-window')) rows.push({ clock: 'transfer-window', deadline: centre.state.transferWindowEndsAt, warningLevel: null, overdue: false });
  const left = useTimeLeft(rows.map((r) => r.deadline));
  return (
    <Section title={t('clocks')}>
      <Table
        label={t('clocks')}
        columns={[t('clocks'), t('deadline'), t('light'), t('timeLeft')]}
        rows={rows}
        row={(r) => (
          <tr key={`${r.clock}-${r.deadline}`}>
            <td>{code('clock', r.clock)}</td>
            <td>{formatTime(r.deadline, lang)}</td>
            <td>
              <Light level={r.warningLevel} overdue={r.overdue} />
            </td>
            <td>
              <TimeLeft minutes={left.data?.minutes[r.deadline]} />
            </td>
          </tr>
        )}
      />
    </Section>
  );
}
