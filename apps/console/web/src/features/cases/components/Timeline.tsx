import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { Section, formatTime } from '../../../lib/ui';
import type { CentreCase, IntakeCase, UnitCase } from '../api/types';
import { eventLabel } from './events';

interface Entry {
  readonly at: string;
  readonly what: string;
  readonly detail: string;
  readonly source: string;
}

/** One timeline of the case from every service that knows it: intake, dispatch and the unit (handling). */
export function Timeline({ centre, intake, unit }: { centre?: CentreCase; intake?: IntakeCase; unit?: UnitCase }) {
  const { t, lang } = useT();
  const names = useNames();
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const e of centre?.timeline ?? []) {
    const dispatched = e.type === 'case.dispatched.v1' ? centre?.dispatches.find((d) => d.dispatchedAt === e.time) : undefined;
    entries.push({ at: e.time, what: e.type, detail: dispatched ? names.unit(dispatched.primaryUnitCode) : '', source: 'dispatch' });
    seen.add(e.type.startsWith('case.received') ? 'received' : e.type.startsWith('case.dispatched') ? 'dispatched' : e.type);
  }
  for (const e of intake?.timeline ?? []) {
    if (seen.has(e.step)) continue;
    entries.push({ at: e.at, what: e.step, detail: '', source: 'intake' });
  }
  if (unit) {
    const u = names.unit(unit.unitCode);
    if (unit.signedAt) entries.push({ at: unit.signedAt, what: 'signed', detail: u, source: 'handling' });
    if (unit.firstContactAt) entries.push({ at: unit.firstContactAt, what: 'first-contact', detail: u, source: 'handling' });
    if (unit.lastProgressAt) entries.push({ at: unit.lastProgressAt, what: 'progress', detail: u, source: 'handling' });
    if (unit.resultSubmittedAt) entries.push({ at: unit.resultSubmittedAt, what: 'result', detail: u, source: 'handling' });
    if (unit.reopenedAt) entries.push({ at: unit.reopenedAt, what: 'reopened', detail: `${t('redoCount')} ${unit.redoCount}`, source: 'evaluation' });
    for (const w of unit.whistles) {
      entries.push({ at: w.blownAt, what: 'whistle-blown', detail: `${names.unit(w.callerUnitCode)}: ${w.reason}`, source: 'handling' });
      for (const d of w.departments) {
        if (d.answeredAt) entries.push({ at: d.answeredAt, what: 'whistle-answered', detail: names.unit(d.departmentCode), source: 'handling' });
        if (d.reportedAt) entries.push({ at: d.reportedAt, what: 'whistle-reported', detail: names.unit(d.departmentCode), source: 'handling' });
        if (d.finishedAt) entries.push({ at: d.finishedAt, what: 'whistle-finished', detail: names.unit(d.departmentCode), source: 'handling' });
        if (d.rating !== null) entries.push({ at: d.finishedAt ?? d.answeredAt ?? w.blownAt, what: 'whistle-rated', detail: `${names.unit(d.departmentCode)} ${d.rating}/5`, source: 'handling' });
      }
    }
  }
  entries.sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Section title={t('timeline')}>
      <ol className="timeline" aria-label={t('timeline')}>
        {entries.map((e, i) => (
          <li key={`${e.at}-${e.what}-${i}`}>
            <time dateTime={e.at}>{formatTime(e.at, lang)}</time> <strong>{eventLabel(e.what, lang)}</strong> {e.detail} <small>({e.source})</small>
          </li>
        ))}
      </ol>
    </Section>
  );
}
