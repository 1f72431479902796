#!/usr/bin/env node
/**
 * The `replicore` command.
 *
 * - `replicore report [--reports DIR]`: the verification report — for every
 *   invariant, how it was checked and how far — from the reports that the
 *   last check run wrote (`npm run checks`).
 * - `replicore plan CLUSTER.json [--json]`: a compaction plan for a cluster
 *   snapshot (its `options` field sets the planner's options).
 * - `replicore verify CLUSTER.json PLAN.json`: checks a plan against the K*
 *   invariants by replaying it; exits 1 with the first violation.
 *
 * @since 0.1.0
 */
import { allInvariants } from "../../spec/index.js"
import { Either } from "effect"
import { readFile } from "node:fs/promises"
import { renderVerificationReport } from "../../spec/render.js"
import { readReports, reportDirectory } from "../../spec/report.js"
import { Compaction } from "../index.js"

const USAGE = `usage: replicore report [--reports DIR]
       replicore plan CLUSTER.json [--json]
       replicore verify CLUSTER.json PLAN.json

  report   print, for every invariant, how it was checked and how far
           (reads the reports written by the last check run; default DIR: ${reportDirectory()})
  plan     plan the compaction of a cluster snapshot (nodes, deployments, replicas, options);
           --json prints the whole plan
  verify   replay a plan on a snapshot and check every K* invariant`

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
  if (command === "plan" || command === "verify") {
    const [clusterFile, planFile] = rest.filter((a) => !a.startsWith("--"))
    if (clusterFile === undefined) return usage(`${command} needs a cluster snapshot file`)
    const snapshot = Compaction.validate(await readJson(clusterFile))
    if (Either.isLeft(snapshot)) {
      console.error(snapshot.left.message)
      return 1
    }
    if (command === "plan") {
      const plan = Compaction.plan(snapshot.right)
      console.log(rest.includes("--json") ? JSON.stringify(plan, null, 2) : describePlan(plan))
      return 0
    }
    if (planFile === undefined) return usage("verify needs a plan file")
    const verdict = Compaction.verify(snapshot.right, await readJson(planFile))
    if (Either.isLeft(verdict)) {
      console.error(verdict.left.message)
      return 1
    }
    console.log(`plan verified: ${verdict.right.migrations} migrations in ${verdict.right.waves} waves, ${verdict.right.released} nodes released, K1–K9 hold`)
    return 0
  }
  if (command === undefined || command === "--help" || command === "-h") {
    console.log(USAGE)
    return command === undefined ? 1 : 0
  }
  return usage(`unknown command ${JSON.stringify(command)}`)
}

const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, "utf8"))

const describePlan = (plan: Compaction.Plan): string => {
  const m = plan.metrics
  const lines = [
    `nodes ${m.nodesBefore} → ${m.nodesAfter}, cost ${m.costBefore} → ${m.costAfter}; ${m.migrations} migrations in ${m.waves} waves`,
    ...plan.released.map((r) => `  release ${r.node} after wave ${r.afterWave}`),
    ...plan.steps.map((s) => `  wave ${s.wave}: ${s.replica} (${s.deployment}) ${s.from} → ${s.to}`),
    ...plan.explanations.map((e) => `  keep ${e.node}: ${e.message}`)
  ]
  return lines.join("\n")
}

const usage = (problem: string): number => {
  console.error(`replicore: ${problem}\n\n${USAGE}`)
  return 2
}

process.exitCode = await main(process.argv.slice(2))
