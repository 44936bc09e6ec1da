import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { href } from '../../../lib/router';
import { Outcome, Section, formatRate } from '../../../lib/ui';
import { useDrillDown, type Metric, type PeriodKind } from '../api/reports';

/** The cases behind one figure of one unit (KPI drill-down). */
export function DrillDown({ unitCode, metric, period, date }: { unitCode: string; metric: Metric; period: PeriodKind; date: string }) {
  const { t, code } = useT();
  const names = useNames();
  const d = useDrillDown(unitCode, metric, period, date);
  const f = d.data?.figure;
  const csv = `/svc/evaluation/api/v1/kpis/${encodeURIComponent(unitCode)}/cases?${new URLSearchParams({ metric, period, date, format: 'csv' }).toString()}`;
  return (
    <Section title={`${t('drillDown')}: ${names.unit(unitCode)} · ${code('metric', metric)} · ${date}`} actions={<a href={csv} download>{t('downloadCsv')}</a>}>
      <Outcome error={d.error} />
      {f && (
        <p>
          {f.numerator} / {f.denominator} = {f.kind === 'rate' ? formatRate(f.value) : String(f.value ?? '—')}
        </p>
      )}
      <table aria-label={t('drillDown')}>
        <thead>
          <tr>
            <th>{t('caseId')}</th>
            <th>{t('day')}</th>
            <th>{t('hit')}</th>
          </tr>
        </thead>
        <tbody>
          {(d.data?.rows ?? []).map((r) => (
            <tr key={`${r.caseId}-${r.item}`}>
              <td>
                <a href={href('cases', r.caseId)}>{r.caseId}</a>
              </td>
              <td>{r.day}</td>
              <td>{r.hit ? t('yes') : t('no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
