/**
 * `replicore verify SNAPSHOT PLAN`: replays a plan on a snapshot and checks
 * every K* invariant.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { Compaction } from "../../index.js"
import type { Command } from "../command.js"
import { InputError } from "../errors.js"
import { FAILED, SUCCESS } from "../exitCodes.js"
import { displayName, readJson } from "../input.js"
import { print, printError } from "../output.js"
import { decodeSnapshot, invalidPlan, looksLikePlan, looksLikeSnapshot } from "../snapshot.js"
import { describeVerified } from "./plan.js"

const USAGE = "replicore verify SNAPSHOT PLAN"

/**
 * The `verify` command.
 *
 * @since 0.1.0
 */
export const verify: Command = {
  signature: { command: "verify", flags: {}, positionals: ["SNAPSHOT", "PLAN"] },
  summary: "Replay a plan on a cluster snapshot and check every K* invariant (capacity at every instant, zero downtime, surge, pins, budgets, conservation).",
  usage: USAGE,
  details: `arguments:
  SNAPSHOT    the cluster snapshot the plan was made for, as JSON; - reads stdin
  PLAN        the plan, as JSON (what replicore plan --json prints); - reads stdin

options:
  -h, --help  this help

exit codes: 0 the plan holds, 1 it violates an invariant (the first one is named), 2 bad usage or bad input`,
  run: async (parsed) => {
    const [snapshotPath = "-", planPath = "-"] = parsed.positionals
    if (snapshotPath === "-" && planPath === "-") {
      return Either.left(new InputError({ command: "verify", file: "<stdin>", problem: "can be read once: give at least one of SNAPSHOT and PLAN as a file" }))
    }
    const snapshotJson = await readJson("verify", snapshotPath)
    if (Either.isLeft(snapshotJson)) return Either.left(snapshotJson.left)
    const planJson = await readJson("verify", planPath)
    if (Either.isLeft(planJson)) return Either.left(planJson.left)
    if (looksLikePlan(snapshotJson.right) && looksLikeSnapshot(planJson.right)) {
      return Either.left(
        new InputError({
          command: "verify",
          file: displayName(snapshotPath),
          problem: `is a plan and ${displayName(planPath)} a snapshot: the arguments are swapped (${USAGE})`
        })
      )
    }
    const snapshot = decodeSnapshot("verify", snapshotPath, snapshotJson.right)
    if (Either.isLeft(snapshot)) return Either.left(snapshot.left)
    if (looksLikeSnapshot(planJson.right) && !looksLikePlan(planJson.right)) {
      return Either.left(new InputError({ command: "verify", file: displayName(planPath), problem: "is a cluster snapshot, not a plan" }))
    }
    const verdict = Compaction.verify(snapshot.right, planJson.right)
    if (Either.isRight(verdict)) {
      print(describeVerified(verdict.right))
      return Either.right(SUCCESS)
    }
    if (verdict.left._tag === "InvalidPlan") return Either.left(invalidPlan("verify", planPath, snapshotPath, verdict.left))
    printError(`replicore verify: ${displayName(planPath)}: ${verdict.left.message.replace(/^replicore\/compaction\.verify: /, "")}`)
    return Either.right(FAILED)
  }
}
