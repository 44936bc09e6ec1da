import type { SessionView } from '../../../lib/session';
import { useT } from '../../../lib/i18n';
import { Outcome, Section } from '../../../lib/ui';
import { useWhistle } from '../api/whistles';
import { WhistleCard } from '../components/WhistleCard';

export function WhistlePage({ whistleId, session }: { whistleId: string; session: SessionView }) {
  const { t } = useT();
  const w = useWhistle(whistleId);
  return (
    <Section title={t('whistles')}>
      <Outcome error={w.error} />
      {w.data && <WhistleCard whistle={w.data} session={session} />}
    </Section>
  );
}
