import { useT } from '../../../lib/i18n';
import { useNames } from '../../../lib/reference';
import { Outcome, Section, formatTime } from '../../../lib/ui';
import { useReviews } from '../api/queues';
import { QueueTable } from '../components/QueueTable';

/** Results waiting for the centre's review (审); approve or send back on the case page. */
export function ReviewQueue() {
  const { t, lang } = useT();
  const names = useNames();
  const reviews = useReviews();
  return (
    <Section title={t('reviewQueue')}>
      <Outcome error={reviews.error} />
      <QueueTable label={t('reviewQueue')} rows={reviews.data ?? []} extra={(r) => `${names.unit(r.pending.review?.unitCode)} ${formatTime(r.pending.review?.submittedAt, lang)}`} />
    </Section>
  );
}
