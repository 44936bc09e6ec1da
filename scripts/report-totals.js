// Prints the totals of the last jest run as one plain line: "N passed, M failed[, K skipped]".
const fs = require('node:fs');
const path = require('node:path');
const file = path.join(__dirname, '..', '.cache', 'jest-results.json');
if (!fs.existsSync(file)) {
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
// a suite that failed to run (e.g. a syntax error) has no test results: count it as a failure
const brokenSuites = r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`${r.numPassedTests} passed, ${r.numFailedTests + brokenSuites} failed${skipped ? `, ${skipped} skipped` : ''}`);
