/**
 * How fast a case must move, set at intake: 'normal', 'urgent' (e.g. a gas smell, a
 * trapped lift) or 'emergency' (danger to life or property now). The same spelling as
 * the Urgency of @county/contracts.
 */
export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

export function isUrgency(value: unknown): value is Urgency {
  return typeof value === 'string' && (URGENCIES as readonly string[]).includes(value);
}
