import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { consoleApi } from '../lib/api/client';
import { useLang, useT, type MessageKey } from '../lib/i18n';
import { href, navigate, useRoute } from '../lib/router';
import { isCentre, isUnit, useSession, type SessionView } from '../lib/session';
import { Outcome } from '../lib/ui';
import { SignIn } from '../features/auth';
import { CasePage } from '../features/cases';
import { DispatchDesk, Requests, ReviewQueue } from '../features/dispatcher';
import { Inbox } from '../features/inbox';
import { DrillDown, HotIssues, Ranking, type Metric, type PeriodKind } from '../features/leaders';
import { FairRanking, MonthlyTopics, ProactiveTasks, WhatIf } from '../features/governance';
import { OpsBoard } from '../features/ops';
import { ResponsibilityList } from '../features/responsibility-list';
import { ReturnVisits } from '../features/return-visits';
import { WhistlePage } from '../features/whistles';

/** The desks each role sees. The services still refuse whatever a role may not do. */
function desksOf(s: SessionView): readonly (readonly [string, MessageKey])[] {
  const leaders: readonly (readonly [string, MessageKey])[] = [
    ['ranking', 'navRanking'],
    ['hot-issues', 'navHotIssues'],
    ['fair-ranking', 'navFairRanking'],
    ['monthly-topics', 'navMonthlyTopics'],
  ];
  if (isCentre(s)) {
    return [['desk', 'navCases'], ['reviews', 'navReview'], ['requests', 'navRequests'], ['return-visits', 'navReturnVisits'], ['proactive-tasks', 'navProactiveTasks'], ['list', 'navList'], ...leaders, ['what-if', 'navWhatIf'], ['ops', 'navOps']];
  }
  // a county unit's leader proposes changes to the responsibility list for its unit
  if (isUnit(s) && s.role === 'unit-leader' && s.unitKind === 'department') return [['inbox', 'navInbox'], ['proactive-tasks', 'navProactiveTasks'], ['list', 'navList'], ...leaders];
  if (isUnit(s)) return [['inbox', 'navInbox'], ['proactive-tasks', 'navProactiveTasks'], ...leaders];
  return leaders;
}

export function App() {
  const session = useSession();
  const { t } = useT();
  if (session.isLoading) return <p role="status">{t('loading')}</p>;
  if (session.error) return <Outcome error={session.error} />;
  if (!session.data) return <Shell>{<SignIn />}</Shell>;
  return <Workbench session={session.data} />;
}

function Shell({ children, session }: { children: ReactNode; session?: SessionView }) {
  const { t, code, lang } = useT();
  const { setLang } = useLang();
  const client = useQueryClient();
  return (
    <>
      <header className="top">
        <span className="brand">{t('appName')}</span>
        {session && (
          <span className="who">
            {t('signedInAs')}: {session.unitName[lang]} · {code('role', session.role)} · {session.userId}
          </span>
        )}
        <button type="button" lang={lang === 'zh' ? 'en' : 'zh-CN'} title={t('languageLabel')} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('language')}
        </button>
        {session && (
          <button
            type="button"
            onClick={async () => {
              await consoleApi('session', { method: 'DELETE' });
              window.location.hash = '';
              client.clear();
              await client.invalidateQueries({ queryKey: ['session'] });
            }}
          >
            {t('signOut')}
          </button>
        )}
      </header>
      {children}
    </>
  );
}

function Workbench({ session }: { session: SessionView }) {
  const { t } = useT();
  const route = useRoute();
  const desks = desksOf(session);
  const [first = '', second = '', third = ''] = route.path;
  const current = first || desks[0]?.[0] || 'ranking';
  if (!first && desks[0]) navigate(href(desks[0][0]));
  // the case, whistle and drill-down pages are reached from a desk; every other screen is a desk of the role
  const allowed = ['cases', 'whistles', 'kpi', ...desks.map(([path]) => path)].includes(current);
  let screen: ReactNode;
  switch (allowed ? current : 'not-allowed') {
    case 'desk':
      screen = <DispatchDesk />;
      break;
    case 'reviews':
      screen = <ReviewQueue />;
      break;
    case 'requests':
      screen = <Requests />;
      break;
    case 'return-visits':
      screen = <ReturnVisits />;
      break;
    case 'inbox':
      screen = <Inbox />;
      break;
    case 'cases':
      screen = <CasePage key={second} caseId={second} session={session} />;
      break;
    case 'whistles':
      screen = <WhistlePage key={second} whistleId={second} session={session} />;
      break;
    case 'ranking':
      screen = <Ranking />;
      break;
    case 'kpi':
      screen = <DrillDown unitCode={second} metric={third as Metric} period={(route.query.period ?? 'month') as PeriodKind} date={route.query.date ?? ''} />;
      break;
    case 'hot-issues':
      screen = <HotIssues />;
      break;
    case 'list':
      screen = <ResponsibilityList session={session} />;
      break;
    case 'ops':
      screen = <OpsBoard />;
      break;
    case 'proactive-tasks':
      screen = <ProactiveTasks session={session} />;
      break;
    case 'fair-ranking':
      screen = <FairRanking />;
      break;
    case 'monthly-topics':
      screen = <MonthlyTopics session={session} />;
      break;
    case 'what-if':
      screen = <WhatIf />;
      break;
    default:
      screen = <p>{t('notAllowedHere')}</p>;
  }
  return (
    <Shell session={session}>
      <nav aria-label={t('appName')}>
        <ul>
          {desks.map(([path, label]) => (
            <li key={path}>
              <a href={href(path)} aria-current={current === path ? 'page' : undefined}>
                {t(label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main>{screen}</main>
    </Shell>
  );
}
