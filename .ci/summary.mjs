// Prints one line, `N passed, N failed, N skipped`, computed from vitest's JSON reports in
// reports/vitest (the runner's own summary is not read). Exits 1 when a test failed, none passed,
// or no report was written.
import { readdirSync, readFileSync } from "node:fs"

const directory = "reports/vitest"
let files = []
try {
  files = readdirSync(directory).filter((f) => f.endsWith(".json"))
} catch {}
let passed = 0
let failed = 0
let skipped = 0
for (const f of files) {
  const report = JSON.parse(readFileSync(`${directory}/${f}`, "utf8"))
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + report.numTodoTests
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
if (files.length === 0 || failed > 0 || passed === 0) process.exit(1)
