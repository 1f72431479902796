/** Writes a check's report where the docs generator and the audit read it. */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { type CheckReport, reportDirectory } from "../../spec/report.js"

export const writeReport = (report: CheckReport): void => {
  const directory = reportDirectory()
  mkdirSync(directory, { recursive: true })
  const file = report.check.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")
  writeFileSync(join(directory, `${file}.json`), `${JSON.stringify(report, null, 2)}\n`)
}
