import { madeStamp, testRunNamesIn, uniqueName } from '@county/testing';
import { isStale } from '../../scripts/prune-test-topics';

const now = new Date('2026-12-01T16:00:00Z');
const hours = (h: number) => new Date(now.getTime() - h * 3_600_000);
const SIX_HOURS = 6 * 3_600_000;

describe('names of test runs inside Kafka topic and group names', () => {
  it('reads back the time a name was made, to the second', () => {
    const name = uniqueName('e2e', new Date('2026-12-01T15:04:05.900Z'));
    expect(name).toMatch(/^e2e_[0-9a-z]{7}[0-9a-f]{6}$/);
    expect(testRunNamesIn(`${name}.county.intake.events`)).toEqual([{ name, made: new Date('2026-12-01T15:04:05Z') }]);
  });

  it('finds a name inside a dead-letter topic and in a dotted prefix', () => {
    const old = uniqueName('e2e', hours(7));
    expect(testRunNamesIn(`county.dead-letter-replay.${old}.dispatch.reopens`).map((f) => f.made)).toEqual([new Date(Math.floor(hours(7).getTime() / 1000) * 1000)]);
    expect(testRunNamesIn(`${uniqueName('test.consumer', hours(1))}`)).toHaveLength(1);
  });

  it('takes the older form without a time for stale, and never touches the platform\'s own names', () => {
    expect(isStale('e2e_0d5b74631f.county.intake.events', now, SIX_HOURS)).toBe(true);
    expect(isStale('chaos_1a2b3c4d.dispatch.routing', now, SIX_HOURS)).toBe(true);
    expect(isStale(`${uniqueName('e2e', hours(7))}.county.intake.events`, now, SIX_HOURS)).toBe(true);
    expect(isStale(`${uniqueName('e2e', hours(5))}.county.intake.events`, now, SIX_HOURS)).toBe(false);
    for (const own of ['county.intake.events', 'county.dead-letter.evaluation.facts', 'county.dead-letter-replay.dispatch.routing', 'dispatch.routing', '__consumer_offsets', 'county_ops.audit']) {
      expect(isStale(own, now, SIX_HOURS)).toBe(false);
    }
  });

  it('writes seven base-36 digits of seconds, so that names keep one length for decades', () => {
    expect(madeStamp(new Date('2026-12-01T00:00:00Z'))).toHaveLength(7);
    expect(madeStamp(new Date('2060-01-01T00:00:00Z'))).toHaveLength(7);
  });
});
