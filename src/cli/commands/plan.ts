/**
 * `replicore plan SNAPSHOT [--json] [--verify]`: a compaction plan for a
 * cluster snapshot.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { Compaction } from "../../index.js"
import type { Command } from "../command.js"
import { BAD_INPUT, FAILED, SUCCESS } from "../exitCodes.js"
import { print, printError } from "../output.js"
import { planSnapshot, readSnapshot } from "../snapshot.js"

/**
 * The plan in words: the node and cost figures, then each release, step and
 * kept node.
 *
 * @since 0.1.0
 */
export const describePlan = (plan: Compaction.Plan): string => {
  const m = plan.metrics
  return [
    `nodes ${m.nodesBefore} → ${m.nodesAfter}, cost ${m.costBefore} → ${m.costAfter}; ${m.migrations} migrations in ${m.waves} waves`,
    ...plan.released.map((r) => `  release ${r.node} after wave ${r.afterWave}`),
    ...plan.steps.map((s) => `  wave ${s.wave}: ${s.replica} (${s.deployment}) ${s.from} → ${s.to}`),
    ...plan.explanations.map((e) => `  keep ${e.node}: ${e.message}`)
  ].join("\n")
}

/**
 * The line that says a plan was verified.
 *
 * @since 0.1.0
 */
export const describeVerified = (verified: Compaction.Verified): string =>
  `plan verified: ${verified.migrations} migrations in ${verified.waves} waves, ${verified.released} nodes released; K1–K13 hold`

/**
 * The `plan` command.
 *
 * @since 0.1.0
 */
export const plan: Command = {
  signature: { command: "plan", flags: { json: { type: "boolean" }, verify: { type: "boolean" } }, positionals: ["SNAPSHOT"] },
  summary: "Plan the compaction of a cluster snapshot: which replicas to move, in which waves, and which nodes are released.",
  usage: "replicore plan SNAPSHOT [--json] [--verify]",
  details: `arguments:
  SNAPSHOT    a cluster snapshot as JSON (nodes, deployments, replicas, options); - reads stdin

options:
  --json      print the whole plan as JSON (steps, released, placement, metrics, explanations)
  --verify    replay the plan on the snapshot and check every K* invariant (on stderr with --json)
  -h, --help  this help

exit codes: 0 planned (and verified), 1 the plan fails verification, 2 bad usage or bad input`,
  run: async (parsed) => {
    const [path = "-"] = parsed.positionals
    const snapshot = await readSnapshot("plan", path)
    if (Either.isLeft(snapshot)) return Either.left(snapshot.left)
    const made = planSnapshot("plan", path, snapshot.right)
    if (Either.isLeft(made)) return Either.left(made.left)
    const json = parsed.values["json"] === true
    print(json ? JSON.stringify(made.right, null, 2) : describePlan(made.right))
    if (parsed.values["verify"] !== true) return Either.right(SUCCESS)
    const verdict = Compaction.verify(snapshot.right, made.right)
    if (Either.isRight(verdict)) {
      ;(json ? printError : print)(describeVerified(verdict.right))
      return Either.right(SUCCESS)
    }
    printError(`replicore plan: the plan fails verification: ${verdict.left.message}`)
    return Either.right(verdict.left._tag === "InvalidPlan" ? BAD_INPUT : FAILED)
  }
}
