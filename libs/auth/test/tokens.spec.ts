import { DomainError } from '@county/contracts';
import { issueToken, verifyToken } from '../src/tokens';
import { seedUser, seedUsers } from '../src/users';

const secret = 'test-secret';
const principal = { userId: 'qh-cg-01.staff-1', unitCode: 'QH-CG-01', role: 'unit-staff' as const };
const t0 = new Date('2026-03-02T01:00:00.000Z');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
  return undefined;
}

describe('tokens', () => {
  it('names the person, unit and role, until they expire', () => {
    const { token, expiresAt } = issueToken(secret, principal, t0, 3600);
    expect(expiresAt).toBe('2026-03-02T02:00:00.000Z');
    expect(verifyToken(secret, token, new Date('2026-03-02T01:59:59.000Z'))).toEqual(principal);
    expect(codeOf(() => verifyToken(secret, token, new Date('2026-03-02T02:00:00.000Z')))).toBe('AUTH.TOKEN_EXPIRED');
  });
  it('refuses a token signed with another secret, a changed payload and garbage', () => {
    const { token } = issueToken(secret, principal, t0, 3600);
    expect(codeOf(() => verifyToken('other', token, t0))).toBe('AUTH.TOKEN_INVALID');
    const [v, , sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'x', unit: 'QH-URBAN', role: 'admin', iat: 0, exp: 9e9 })).toString('base64url');
    expect(codeOf(() => verifyToken(secret, `${v}.${forged}.${sig}`, t0))).toBe('AUTH.TOKEN_INVALID');
    expect(codeOf(() => verifyToken(secret, 'garbage', t0))).toBe('AUTH.TOKEN_INVALID');
  });
});

describe('seeded users', () => {
  it('has a few users per unit of the demo county, with unit-level and county-level roles', () => {
    expect(seedUser('qh-cg-01.staff-1')).toMatchObject({ unitCode: 'QH-CG-01', role: 'unit-staff' });
    expect(seedUser('qh-urban.leader')).toMatchObject({ unitCode: 'QH-URBAN', role: 'unit-leader' });
    expect(seedUser('qh-centre.dispatcher-1')).toMatchObject({ unitCode: 'QH-CENTRE', role: 'centre' });
    expect(seedUser('qh-centre.admin')).toMatchObject({ role: 'admin' });
    const roles = new Set([...seedUsers().values()].map((u) => u.role));
    expect([...roles].sort()).toEqual(['admin', 'centre', 'unit-leader', 'unit-staff']);
  });
});
