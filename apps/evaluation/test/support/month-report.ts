import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The simulated month's report for people: the adjusted ranking beside the raw one and the
 * what-if report, written by the tests that check those numbers (test-output/simulated-month.md,
 * ignored by git) and printed to the test's output.
 */
const FILE = join(__dirname, '..', '..', 'test-output', 'simulated-month.md');
let started = false;

export function reportSection(title: string, lines: readonly string[]): void {
  mkdirSync(join(FILE, '..'), { recursive: true });
  const text = `## ${title}\n\n${lines.join('\n')}\n\n`;
  if (!started) writeFileSync(FILE, `# The simulated month (2026-03)\n\n${text}`);
  else appendFileSync(FILE, text);
  started = true;
  process.stdout.write(`\n${text}`);
}

export const fixed = (v: number | null | undefined, digits = 1) => (v == null ? '—' : v.toFixed(digits));
