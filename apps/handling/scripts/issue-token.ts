/**
 * Prints a signed token for a seeded user of the demo county (local development):
 *   node -r ./scripts/register.js apps/handling/scripts/issue-token.ts qh-cg-01.staff-1
 * Uses AUTH_TOKEN_SECRET and AUTH_TOKEN_TTL_SECONDS like the service does.
 * Without an argument, lists a few user ids.
 */
import { issueToken, seedUser, seedUsers } from '@county/auth';
import { loadHandlingSettings } from '../src/settings';

const userId = process.argv[2];
if (!userId) {
  const sample = [...seedUsers().values()].filter((u) => !u.unitCode.match(/-\d\d-\d\d$/)).slice(0, 40);
  process.stdout.write(`usage: issue-token <userId>\nsome users:\n${sample.map((u) => `  ${u.userId}  (${u.role}, ${u.unitCode})`).join('\n')}\n`);
  process.exit(1);
}
const user = seedUser(userId);
if (!user) {
  process.stderr.write(`no seeded user ${userId}\n`);
  process.exit(1);
}
const settings = loadHandlingSettings();
const issued = issueToken(settings.tokenSecret, user, new Date(), settings.tokenTtlSeconds);
process.stdout.write(`${issued.token}\n`);
