// Sums the jest JSON reports of every project into one closing line: "Tests: N passed, N failed, N skipped".
// Exits non-zero when any test failed, any suite failed to run, or no test ran at all.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'dist/test-results';
const reports = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
let passed = 0,
  failed = 0,
  skipped = 0,
  brokenSuites = 0;
for (const file of reports) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  brokenSuites += report.numRuntimeErrorTestSuites;
  if (report.numFailedTests > 0 || report.numRuntimeErrorTestSuites > 0)
    console.log(`failures in ${file.replace(/\.json$/, '')}`);
}
console.log(`Projects: ${reports.length}, suites that failed to run: ${brokenSuites}`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || brokenSuites > 0 || passed === 0 ? 1 : 0);
