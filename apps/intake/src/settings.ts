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
    jurisdictionId: env.INTAKE_JURISDICTION_ID ?? 'qinghe.example',
  };
}
