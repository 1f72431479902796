/** Writes docs/invariants.md from the registry and the last check run's reports (`npm run docs`). */
import { writeFile } from "node:fs/promises"
import { allInvariants } from "../spec/index.js"
import { renderInvariantsMarkdown, unevaluated } from "../spec/render.js"
import { readReports } from "../spec/report.js"

const reports = await readReports()
const missing = unevaluated(allInvariants, reports)
if (missing.length > 0) {
  console.error(`not evaluated by the last check run: ${missing.join(", ")} (run the checks first: npm run checks)`)
  process.exit(1)
}
await writeFile("docs/invariants.md", renderInvariantsMarkdown(allInvariants, reports))
console.log(`docs/invariants.md: ${allInvariants.length} invariants from ${reports.length} check reports`)
