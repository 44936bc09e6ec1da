import { distanceMeters, earlierCaseFor, isSamePlace } from '../src/domain/repeat-appeal';
import { maskPhone, normalisePhone, residentIdentity, toE164 } from '../src/domain/resident';
import { RateLimiter } from '../src/auth/rate-limiter';
import { splitFormat } from '../src/open311/open311.format';

describe('repeat appeals: the same place', () => {
  it('is the same grid, or two points within the distance', () => {
    expect(isSamePlace({ gridCode: 'G1' }, { gridCode: 'G1' }, 100)).toBe(true);
    expect(isSamePlace({ gridCode: 'G1' }, { gridCode: 'G2' }, 100)).toBe(false);
    expect(distanceMeters(36.7, 115.25, 36.7005, 115.2502)).toBeCloseTo(58, 0);
    expect(isSamePlace({ latitude: 36.7, longitude: 115.25 }, { latitude: 36.7005, longitude: 115.2502 }, 100)).toBe(true);
    expect(isSamePlace({ latitude: 36.7, longitude: 115.25 }, { latitude: 36.7005, longitude: 115.2502 }, 50)).toBe(false);
    expect(isSamePlace({ gridCode: 'G1', latitude: 36.7, longitude: 115.25 }, { gridCode: 'G2', latitude: 36.7, longitude: 115.25 }, 100)).toBe(true);
    expect(isSamePlace({}, {}, 100)).toBe(false);
  });

  it('picks the earliest open case at the same place', () => {
    const open = [
      { caseId: 'late', gridCode: 'G1', receivedAt: '2026-03-05T00:00:00.000Z' },
      { caseId: 'elsewhere', gridCode: 'G2', receivedAt: '2026-03-01T00:00:00.000Z' },
      { caseId: 'early', gridCode: 'G1', receivedAt: '2026-03-02T00:00:00.000Z' },
    ];
    expect(earlierCaseFor({ gridCode: 'G1' }, open, 100)?.caseId).toBe('early');
    expect(earlierCaseFor({ gridCode: 'G3' }, open, 100)).toBeUndefined();
  });
});

describe('resident data', () => {
  it('masks and normalises phones however they are written', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('0086 13812345678')).toBe('138****5678');
    expect(maskPhone('123456')).toBe('******');
    expect(normalisePhone('+86 138 1234 5678')).toBe('13812345678');
  });

  it('writes every spelling of one phone as one E.164 number, and refuses what is no phone number', () => {
    for (const typed of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '+86-138-1234-5678', '0086 13812345678', '8613812345678']) {
      expect(toE164(typed)).toBe('+8613812345678');
    }
    expect(toE164('0318-1234567')).toBe('+863181234567');
    expect(toE164('+86 (0318) 1234567')).toBe('+863181234567');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    for (const bad of ['123456', '1234567', 'abc13812345678', '+86 12', '23812345678', '']) expect(toE164(bad)).toBeUndefined();
    expect(residentIdentity({ phone: '138-1234-5678' })).toBe(residentIdentity({ phone: '+86 138 1234 5678' }));
    expect(residentIdentity({ email: 'A@Example.cn' })).toBe(residentIdentity({ email: 'a@example.cn' }));
    expect(residentIdentity({ email: 'a@example.cn' })).not.toBe(residentIdentity({ email: 'b@example.cn' }));
  });
});

describe('rate limiter', () => {
  it('allows the burst, then refuses with the seconds until the next token, and refills', () => {
    const limiter = new RateLimiter();
    const t0 = 1_000_000;
    expect(limiter.take('k', 60, 2, t0)).toEqual({ allowed: true });
    expect(limiter.take('k', 60, 2, t0)).toEqual({ allowed: true });
    expect(limiter.take('k', 60, 2, t0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('other', 60, 2, t0)).toEqual({ allowed: true });
    expect(limiter.take('k', 60, 2, t0 + 1000)).toEqual({ allowed: true });
    expect(limiter.take('slow', 2, 1, t0)).toEqual({ allowed: true });
    expect(limiter.take('slow', 2, 1, t0 + 1000)).toEqual({ allowed: false, retryAfterSeconds: 29 });
  });
});

describe('Open311 paths', () => {
  it('split the id from the format at the last dot', () => {
    expect(splitFormat('UM.ORDER.PARKING.json')).toEqual({ id: 'UM.ORDER.PARKING', format: 'json' });
    expect(splitFormat('abc.xml')).toEqual({ id: 'abc', format: 'xml' });
    expect(splitFormat('abc.html')).toBeUndefined();
    expect(splitFormat('.json')).toBeUndefined();
    expect(splitFormat('abc')).toBeUndefined();
  });
});
