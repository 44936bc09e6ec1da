import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { isCentre, isGrassroots, isUnit, type SessionView } from '../../../lib/session';
import { Outcome, Section, formatTime } from '../../../lib/ui';
import { BlowWhistle, WhistleCard } from '../../whistles';
import { useCentreCase, useIntakeCase, useUnitCase } from '../api/cases';
import { finished, type CentreCase } from '../api/types';
import { CentreActions } from '../components/CentreActions';
import { Clocks } from '../components/Clocks';
import { Timeline } from '../components/Timeline';
import { UnitActions } from '../components/UnitActions';

/** The case page: summary, routing reason, clocks, one timeline, whistles, and what the signed-in role may do. */
export function CasePage({ caseId, session }: { caseId: string; session: SessionView }) {
  const { t, code, lang } = useT();
  const names = useNames();
  const centreUser = isCentre(session);
  const centre = useCentreCase(caseId);
  const intake = useIntakeCase(caseId, centreUser);
  const primary = centre.data?.state.primaryUnitCode;
  const unit = useUnitCase(caseId, centreUser ? primary : undefined, !centreUser || primary !== undefined);
  const c = unit.data;
  const lastDispatch = centre.data?.dispatches.at(-1);
  return (
    <>
      <Section title={`${t('case')} ${caseId}`}>
        {!centreUser && <Outcome error={unit.error} />}
        {centreUser && <Outcome error={centre.error} />}
        <dl className="facts">
          <dt>{t('status')}</dt>
          <dd>{c ? code('status', c.status) : code('status', intake.data?.status ?? centre.data?.state.status)}</dd>
          <dt>{t('category')}</dt>
          <dd>{names.category(c?.categoryCode ?? intake.data?.categoryCode ?? centre.data?.state.categoryCode)}</dd>
          <dt>{t('urgency')}</dt>
          <dd>{code('urgency', c?.urgency ?? intake.data?.urgency ?? centre.data?.state.urgency)}</dd>
          <dt>{t('responsibleUnit')}</dt>
          <dd>{names.unit(primary ?? c?.unitCode)}</dd>
          <dt>{t('description')}</dt>
          <dd>{c?.description ?? intake.data?.description ?? '—'}</dd>
          <dt>{t('place')}</dt>
          <dd>{c?.address ?? intake.data?.location.address ?? intake.data?.location.gridCode ?? '—'}</dd>
          <dt>{t('receivedAt')}</dt>
          <dd>{formatTime(c?.receivedAt ?? intake.data?.receivedAt, lang)}</dd>
          <dt>{t('routingReason')}</dt>
          <dd>{lastDispatch ? basisText(lastDispatch.basis) : centre.data?.state.reason ?? '—'}</dd>
          {c && c.redoCount > 0 && (
            <>
              <dt>{t('redoCount')}</dt>
              <dd>{c.redoCount}</dd>
            </>
          )}
        </dl>
        {isUnit(session) && <p className="note">{t('noResidentContact')}</p>}
      </Section>
      <Clocks unit={c} centre={centre.data} />
      {centreUser && centre.data && <CentreActions c={centre.data} intake={intake.data} />}
      {isUnit(session) && c && !c.transferredAway && <UnitActions c={c} session={session} />}
      <Section title={t('whistles')}>
        {(c?.whistles ?? []).length === 0 && <p>{t('none')}</p>}
        {c?.whistles.map((w) => <WhistleCard key={w.whistleId} whistle={w} session={session} />)}
        {isUnit(session) && isGrassroots(session) && c && c.signedAt && !finished(c.status) && <BlowWhistle caseId={caseId} />}
      </Section>
      <Timeline centre={centre.data} intake={intake.data} unit={c} />
    </>
  );
}

function basisText(basis: CentreCase['dispatches'][number]['basis']): string {
  if (!basis) return '—';
  const version = basis.listVersion !== undefined ? ` (v${basis.listVersion} ${basis.listItemId ?? ''})` : '';
  return `${basis.kind}: ${basis.explanation}${version}`;
}
