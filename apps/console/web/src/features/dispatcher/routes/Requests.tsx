import { useT } from '../../../lib/i18n';
import { Outcome, Section } from '../../../lib/ui';
import { useRequests } from '../api/queues';
import { QueueTable } from '../components/QueueTable';

/** The units' requests waiting for a ruling (转): transfers, extensions, pauses; rule on the case page. */
export function Requests() {
  const { t } = useT();
  const { transfers, extensions, pauses } = useRequests();
  return (
    <>
      <Section title={t('transferRequests')}>
        <Outcome error={transfers.error} />
        <QueueTable label={t('transferRequests')} rows={transfers.data ?? []} extra={(r) => r.pending.transfer?.reason ?? '—'} />
      </Section>
      <Section title={t('extensionRequests')}>
        <Outcome error={extensions.error} />
        <QueueTable label={t('extensionRequests')} rows={extensions.data ?? []} extra={(r) => `${r.pending.extension?.extraWorkingDays ?? ''} · ${r.pending.extension?.reason ?? ''}`} />
      </Section>
      <Section title={t('pauseRequests')}>
        <Outcome error={pauses.error} />
        <QueueTable label={t('pauseRequests')} rows={pauses.data ?? []} extra={(r) => r.pending.pause?.reason ?? '—'} />
      </Section>
    </>
  );
}
