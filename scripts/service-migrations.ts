import type { ServiceName } from '@county/contracts';
import type { MigrationClass } from '@county/event-store';
import { DISPATCH_MIGRATIONS } from '../apps/dispatch/src/migrations';
import { EVALUATION_MIGRATIONS } from '../apps/evaluation/src/read-model/schema';
import { HANDLING_MIGRATIONS } from '../apps/handling/src/read-model/schema';
import { INTAKE_MIGRATIONS } from '../apps/intake/src/storage/migrations';

/**
 * Each service's own migrations, the lists its app module gives the platform (the event store's
 * come first by themselves): what `npm run migrate` applies and shows.
 */
export const OWN_MIGRATIONS: Record<ServiceName, readonly MigrationClass[]> = {
  intake: INTAKE_MIGRATIONS,
  dispatch: DISPATCH_MIGRATIONS,
  handling: HANDLING_MIGRATIONS,
  evaluation: EVALUATION_MIGRATIONS,
  'case-worker': [],
};
