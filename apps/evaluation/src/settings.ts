import { parseWeights, type Weights } from './domain/kpis';
import { DEFAULT_SPIKE_RULE, type SpikeRule } from './domain/hot-issues';
import { LIST_RULES, type ListRule } from './domain/fair-ranking';

/**
 * Evaluation's own settings, read from the environment (defaults fit deploy/local):
 * - EVALUATION_CALLBACK_TOKEN: the shared secret callback staff send in the X-Callback-Token header;
 * - EVALUATION_MAX_VISIT_ATTEMPTS: failed calls after which the resident is unreachable (default 3);
 * - EVALUATION_THREE_RATE_WEIGHTS: response,resolution,satisfaction (default 30,35,35);
 * - EVALUATION_LIST_SIZE: units on the red and on the black list (default 3);
 * - EVALUATION_LIST_RULE: evidence (lists by adjusted score, only units whose interval clears the
 *   county median; the default) or rank (the first and last N by raw score);
 * - EVALUATION_SPIKE_RULE: baselineMonths,factor,minCount (default 3,2,5);
 * - EVALUATION_WHAT_IF_MAX_EVENTS, EVALUATION_WHAT_IF_TIMEOUT_MS: the most events a what-if replay
 *   reads (default 300000) and the longest its reading may take (default 30000 ms).
 */
export interface EvaluationSettings {
  readonly callbackToken: string;
  readonly maxVisitAttempts: number;
  readonly weights: Weights;
  readonly listSize: number;
  readonly listRule: ListRule;
  /** Bounds of a what-if replay. */
  readonly whatIf: { readonly maxEvents: number; readonly timeoutMs: number };
  readonly spikeRule: SpikeRule;
}

export const EVALUATION_SETTINGS = Symbol('EVALUATION_SETTINGS');

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number >= 1, got "${raw}"`);
  return n;
}

function spikeRule(raw: string | undefined): SpikeRule {
  if (!raw) return DEFAULT_SPIKE_RULE;
  const [months, factor, minCount] = raw.split(',').map((p) => Number(p.trim()));
  if (!Number.isInteger(months) || months < 1 || !(factor > 0) || !Number.isInteger(minCount) || minCount < 1) {
    throw new Error(`EVALUATION_SPIKE_RULE must be baselineMonths,factor,minCount (e.g. 3,2,5), got "${raw}"`);
  }
  return { baselineMonths: months, factor, minCount };
}

function listRule(raw: string | undefined): ListRule {
  if (!raw) return 'evidence';
  if (!(LIST_RULES as readonly string[]).includes(raw)) throw new Error(`EVALUATION_LIST_RULE must be one of ${LIST_RULES.join(', ')}, got "${raw}"`);
  return raw as ListRule;
}

export function loadEvaluationSettings(env: NodeJS.ProcessEnv = process.env): EvaluationSettings {
  return {
    callbackToken: env.EVALUATION_CALLBACK_TOKEN ?? 'local-callback-token',
    maxVisitAttempts: positiveInt('EVALUATION_MAX_VISIT_ATTEMPTS', env.EVALUATION_MAX_VISIT_ATTEMPTS, 3),
    weights: parseWeights(env.EVALUATION_THREE_RATE_WEIGHTS),
    listSize: positiveInt('EVALUATION_LIST_SIZE', env.EVALUATION_LIST_SIZE, 3),
    listRule: listRule(env.EVALUATION_LIST_RULE),
    whatIf: {
      maxEvents: positiveInt('EVALUATION_WHAT_IF_MAX_EVENTS', env.EVALUATION_WHAT_IF_MAX_EVENTS, 300_000),
      timeoutMs: positiveInt('EVALUATION_WHAT_IF_TIMEOUT_MS', env.EVALUATION_WHAT_IF_TIMEOUT_MS, 30_000),
    },
    spikeRule: spikeRule(env.EVALUATION_SPIKE_RULE),
  };
}
