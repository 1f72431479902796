#!/usr/bin/env node
/**
 * The `replicore` command.
 *
 * - `replicore report [--reports DIR]`: the verification report — for every
 *   invariant, how it was checked and how far — from the reports that the
 *   last check run wrote (`npm run checks`).
 *
 * @since 0.1.0
 */
import { allInvariants } from "../../spec/index.js"
import { renderVerificationReport } from "../../spec/render.js"
import { readReports, reportDirectory } from "../../spec/report.js"

const USAGE = `usage: replicore report [--reports DIR]

  report   print, for every invariant, how it was checked and how far
           (reads the reports written by the last check run; default DIR: ${reportDirectory()})`

const main = async (args: ReadonlyArray<string>): Promise<number> => {
  const [command, ...rest] = args
  if (command === "report") {
    const at = rest.indexOf("--reports")
    const directory = at >= 0 ? rest[at + 1] : reportDirectory()
    if (directory === undefined) return usage("--reports needs a directory")
    const reports = await readReports(directory)
    if (reports.length === 0) {
      console.error(`replicore report: no check reports in ${directory}; run the checks first (npm run checks)`)
      return 1
    }
    console.log(renderVerificationReport(allInvariants, reports))
    return 0
  }
  if (command === undefined || command === "--help" || command === "-h") {
    console.log(USAGE)
    return command === undefined ? 1 : 0
  }
  return usage(`unknown command ${JSON.stringify(command)}`)
}

const usage = (problem: string): number => {
  console.error(`replicore: ${problem}\n\n${USAGE}`)
  return 2
}

process.exitCode = await main(process.argv.slice(2))
