import type { Request, Response } from 'express';
import { DomainError, ErrorCodes } from '@county/contracts';
import { correlationIdOf, errorBody, type LoadShedding } from '@county/service-kit';
import { formatOfPath, sendErrors } from '../open311/open311.format';
import type { IntakeSettings } from '../settings';

/**
 * Intake's load shedding (INTAKE_SHED_LAG_MS): a request of a caller with a key (native API or
 * Open311) read while the process runs more than that late is answered at once with 429
 * `INTAKE.BUSY` and `Retry-After: 1`, in its API's own error format, before its body is parsed or
 * its key looked up. Its caller has been waiting that long already; what the process has goes to
 * the requests it can still answer in time. Health, metrics and docs are always answered.
 */
export function intakeShedding(settings: Pick<IntakeSettings, 'shedLagMs'>): LoadShedding {
  return {
    lagMs: settings.shedLagMs,
    refuse(req: Request, res: Response, lagMs: number): boolean {
      const open311 = req.path.startsWith('/open311/');
      if (!open311 && !req.path.startsWith('/api/')) return false;
      const error = new DomainError(ErrorCodes.INTAKE_BUSY, `intake is ${Math.round(lagMs)} ms behind; retry after 1 s`, 'rate-limited', { retryAfterSeconds: 1 });
      res.setHeader('Retry-After', '1');
      if (open311) sendErrors(res, formatOfPath(req.path), 429, [{ code: 429, description: error.message }]);
      else res.status(429).json(errorBody(error, correlationIdOf(req)));
      return true;
    },
  };
}
