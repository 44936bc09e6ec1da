/** Intake's own settings, read from the environment beside the platform's config. */
export interface IntakeSettings {
  /** Two appeals with coordinates closer than this are "the same place" for repeat appeals. */
  readonly repeatDistanceMeters: number;
  /** Seed the well-known development keys (never when NODE_ENV=production). */
  readonly seedDevelopmentKeys: boolean;
  /** Rate limit of a key created without one: requests per minute and burst. */
  readonly defaultRatePerMinute: number;
  readonly defaultBurst: number;
  /**
   * Requests a process works on at once; one more is answered at once with 429 and Retry-After
   * (a storm gets a quick answer to come back, never a 5xx or a time-out).
   */
  readonly maxRequestsInFlight: number;
  /**
   * A request read while the event loop runs more than this many milliseconds late is answered
   * at once with 429 and Retry-After, before its key is looked up (0: never). Its caller has been
   * waiting at least that long already; the process spends what it has on the requests it can
   * still answer in time (a storm, a starved CPU, a stalled process).
   */
  readonly shedLagMs: number;
  /**
   * How long an appeal may wait for a database connection before it is refused with 429 and
   * Retry-After, nothing stored: in a storm the connections are the queue, and a caller waiting
   * on it longer gives up (and sends again) before its answer comes.
   */
  readonly connectionWaitMs: number;
  /** The Open311 jurisdiction this endpoint serves (jurisdiction_id). */
  readonly jurisdictionId: string;
}

export const INTAKE_SETTINGS = Symbol('INTAKE_SETTINGS');

export function loadIntakeSettings(env: NodeJS.ProcessEnv = process.env): IntakeSettings {
  return {
    repeatDistanceMeters: Number(env.INTAKE_REPEAT_DISTANCE_METERS ?? 100),
    seedDevelopmentKeys: env.NODE_ENV !== 'production' && env.INTAKE_SEED_DEV_KEYS !== 'false',
    defaultRatePerMinute: Number(env.INTAKE_KEY_RATE_PER_MINUTE ?? 6000),
    defaultBurst: Number(env.INTAKE_KEY_BURST ?? 200),
    maxRequestsInFlight: Number(env.INTAKE_MAX_IN_FLIGHT ?? 64),
    shedLagMs: Number(env.INTAKE_SHED_LAG_MS ?? 1000),
    connectionWaitMs: Number(env.INTAKE_CONNECTION_WAIT_MS ?? 3000),
    jurisdictionId: env.INTAKE_JURISDICTION_ID ?? 'qinghe.example',
  };
}
