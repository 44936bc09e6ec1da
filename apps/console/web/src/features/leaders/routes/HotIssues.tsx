import { useMemo, useState } from 'react';
import { SelectField, TextField } from '../../../lib/forms';
import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { Outcome, Section } from '../../../lib/ui';
import { BarChart } from '../components/BarChart';
import { CountyMap } from '../components/CountyMap';
import { currentMonth, useHotIssues, useHotspots, useTerritory } from '../api/reports';

/** High-frequency problems (高频多发) by category and place, against the month before; hotspots flagged. */
export function HotIssues() {
  const { t, code } = useT();
  const names = useNames();
  const [month, setMonth] = useState(currentMonth());
  const [placeKind, setPlaceKind] = useState<'grid' | 'community' | 'township'>('township');
  const hot = useHotIssues(month, placeKind);
  const hotspots = useHotspots(month);
  const rows = useMemo(() => [...(hot.data?.rows ?? [])].sort((a, b) => b.count - a.count).slice(0, 15), [hot.data]);
  const byCategory = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of hot.data?.rows ?? []) m.set(r.categoryCode, (m.get(r.categoryCode) ?? 0) + r.count);
    return [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  }, [hot.data]);
  const csv = `/svc/evaluation/api/v1/hot-issues/monthly?${new URLSearchParams({ month, placeKind, format: 'csv' }).toString()}`;
  return (
    <>
      <Section title={t('hotIssues')} actions={<a href={csv} download>{t('downloadCsv')}</a>}>
        <div className="filters">
          <TextField label={t('month')} value={month} onChange={setMonth} />
          <SelectField
            label={t('placeKind')}
            value={placeKind}
            onChange={(v) => setPlaceKind(v as typeof placeKind)}
            options={(['township', 'community', 'grid'] as const).map((k) => ({ value: k, label: code('kind', k) }))}
          />
        </div>
        <Outcome error={hot.error} />
        <BarChart label={`${t('hotIssues')}: ${t('category')}`} labels={byCategory.map(([c]) => names.category(c))} values={byCategory.map(([, n]) => n)} />
        <table aria-label={t('hotIssues')}>
          <thead>
            <tr>
              <th>{t('category')}</th>
              <th>{t('place')}</th>
              <th>{t('count')}</th>
              <th>{t('previousCount')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.categoryCode}-${r.placeCode}`}>
                <td>{names.category(r.categoryCode)}</td>
                <td>{names.unit(r.placeCode)}</td>
                <td>{r.count}</td>
                <td>{r.previousCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <MapSection month={month} />
      <Section title={t('hotspots')}>
        <Outcome error={hotspots.error} />
        <ul aria-label={t('hotspots')}>
          {(hotspots.data?.hotspots ?? []).length === 0 && <li>{t('none')}</li>}
          {hotspots.data?.hotspots.map((h) => (
            <li key={`${h.categoryCode}-${h.placeCode}`}>
              ⚠ {names.category(h.categoryCode)} · {names.unit(h.placeCode)} · {h.count} ({h.baseline})
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

/** Hot issues on the county map: each grid by its cases in the month (all categories or one), hotspots flagged. */
function MapSection({ month }: { month: string }) {
  const { t, lang } = useT();
  const names = useNames();
  const territory = useTerritory();
  const byGrid = useHotIssues(month, 'grid');
  const hotspots = useHotspots(month);
  const [category, setCategory] = useState('');
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of byGrid.data?.rows ?? []) if (!category || r.categoryCode === category) m.set(r.placeCode, (m.get(r.placeCode) ?? 0) + r.count);
    return m;
  }, [byGrid.data, category]);
  const features = territory.data?.features ?? [];
  const hot = useMemo(() => {
    const spots = (hotspots.data?.hotspots ?? []).filter((h) => !category || h.categoryCode === category);
    return new Set(features.filter((f) => spots.some((h) => (h.placeKind === 'grid' ? h.placeCode === f.properties.code : h.placeCode === f.properties.communityCode))).map((f) => f.properties.code));
  }, [hotspots.data, features, category]);
  const categories = [...new Set((byGrid.data?.rows ?? []).map((r) => r.categoryCode))].sort();
  return (
    <Section title={t('countyMap')}>
      <SelectField label={t('category')} value={category} onChange={(v) => setCategory(v as string)} options={[{ value: '', label: t('allCategories') }, ...categories.map((c) => ({ value: c, label: names.category(c) }))]} />
      <Outcome error={territory.error ?? byGrid.error ?? hotspots.error} />
      {features.length > 0 && <CountyMap label={`${t('countyMap')}: ${t('hotIssues')} ${month}`} features={features} counts={counts} hot={hot} nameOf={(f) => f.properties.name[lang]} />}
    </Section>
  );
}
