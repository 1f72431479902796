/**
 * `replicore plan SNAPSHOT [--json] [--verify]`: a compaction plan for a
 * cluster snapshot; with `--from kubernetes|ray`, for the dumps of a
 * cluster (see `planFrom.ts`).
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { writeFile } from "node:fs/promises"
import { Compaction } from "../../index.js"
import { type Parsed, stringFlag } from "../args.js"
import type { Command } from "../command.js"
import { type CliError, InputError, UsageError } from "../errors.js"
import { BAD_INPUT, FAILED, SUCCESS } from "../exitCodes.js"
import { print, printError } from "../output.js"
import { planSnapshot, readSnapshot } from "../snapshot.js"
import { describeNotes, type FromDump, readDump } from "./planFrom.js"

/** A cost as a reader wants it: without the float noise of a sum (`12.879999999999999` → `12.88`). */
const SIGNIFICANT_DIGITS = 12
const cost = (c: number): number => Number(c.toPrecision(SIGNIFICANT_DIGITS))

/**
 * The plan in words: the node and cost figures, then each release, step and
 * kept node.
 *
 * @since 0.1.0
 */
export const describePlan = (plan: Compaction.Plan): string => {
  const m = plan.metrics
  return [
    `nodes ${m.nodesBefore} → ${m.nodesAfter}, cost ${cost(m.costBefore)} → ${cost(m.costAfter)}; ${m.migrations} migrations in ${m.waves} waves`,
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

/** The snapshot to plan: the SNAPSHOT file, or the converted dumps of `--from`. */
const source = async (parsed: Parsed): Promise<Either.Either<Omit<FromDump, "notes"> & { readonly notes?: FromDump["notes"] }, CliError>> => {
  const from = stringFlag(parsed, "from")
  const paths = parsed.positionals
  if (from !== undefined) return readDump(from, paths, stringFlag(parsed, "prices"))
  if (stringFlag(parsed, "prices") !== undefined) return Either.left(new UsageError({ command: "plan", problem: "--prices is read with --from kubernetes only" }))
  if (paths.length === 0) return Either.left(new UsageError({ command: "plan", problem: "missing SNAPSHOT" }))
  if (paths.length > 1) {
    const extra = paths.slice(1).map((a) => JSON.stringify(a)).join(" ")
    return Either.left(new UsageError({ command: "plan", problem: `unexpected argument${paths.length > 2 ? "s" : ""} ${extra}` }))
  }
  const path = paths[0] ?? "-"
  return Either.map(await readSnapshot("plan", path), (snapshot) => ({ snapshot, file: path }))
}

/** Writes the converted snapshot where `--save-snapshot` asks, for `replicore verify` later. */
const saveSnapshot = async (path: string, snapshot: Compaction.Snapshot): Promise<Either.Either<void, InputError>> => {
  try {
    await writeFile(path, `${JSON.stringify(snapshot, null, 2)}\n`)
    return Either.right(undefined)
  } catch (error) {
    return Either.left(new InputError({ command: "plan", file: path, problem: `cannot be written (${error instanceof Error ? error.message : String(error)})` }))
  }
}

/**
 * The `plan` command.
 *
 * @since 0.1.0
 */
export const plan: Command = {
  signature: {
    command: "plan",
    flags: {
      json: { type: "boolean" },
      verify: { type: "boolean" },
      from: { type: "string" },
      prices: { type: "string" },
      "save-snapshot": { type: "string" }
    },
    positionals: [],
    more: true
  },
  summary: "Plan the compaction of a cluster snapshot, or of a Kubernetes or Ray cluster's dumps: which replicas to move, in which waves, and which nodes are released.",
  usage: "replicore plan SNAPSHOT [--json] [--verify]\n       replicore plan --from kubernetes DUMP [PDBS] [--prices PRICES] [--json] [--verify]\n       replicore plan --from ray NODES ACTORS [--json] [--verify]",
  details: `arguments:
  SNAPSHOT    a cluster snapshot as JSON (nodes, deployments, replicas, options); - reads stdin
  DUMP        kubectl get nodes,pods -A -o json (or one file of nodes and one of pods)
  PDBS        kubectl get pdb -A -o json: disruption budgets become maxSurge (told apart by content)
  NODES       ray list nodes --detail --format json
  ACTORS      ray list actors --detail --format json --limit 100000

options:
  --from F          read the dumps of a cluster: kubernetes or ray
  --prices FILE     prices by instance type as JSON ({ "m6i.2xlarge": 0.384 }); plans for cost
  --save-snapshot FILE  write the converted snapshot, for replicore verify
  --json            print the whole plan as JSON (steps, released, placement, metrics, explanations);
                    with --from, the list of items left out or pinned goes to stderr
  --verify          replay the plan on the snapshot and check every K* invariant (on stderr with --json)
  -h, --help        this help

With --from, the plan is followed by every node, pod or actor that the snapshot leaves out, pins,
counts on its node only (DaemonSet pods, Serve proxies) or restricts, with the reason.

exit codes: 0 planned (and verified), 1 the plan fails verification, 2 bad usage or bad input`,
  run: async (parsed) => {
    const input = await source(parsed)
    if (Either.isLeft(input)) return Either.left(input.left)
    const { file, notes, snapshot } = input.right
    const saveTo = stringFlag(parsed, "save-snapshot")
    if (saveTo !== undefined) {
      const saved = await saveSnapshot(saveTo, snapshot)
      if (Either.isLeft(saved)) return Either.left(saved.left)
    }
    const made = planSnapshot("plan", file, snapshot)
    if (Either.isLeft(made)) return Either.left(made.left)
    const json = parsed.values["json"] === true
    print(json ? JSON.stringify(made.right, null, 2) : describePlan(made.right))
    if (notes !== undefined) (json ? printError : print)(`\n${describeNotes({ file, notes, snapshot })}`)
    if (parsed.values["verify"] !== true) return Either.right(SUCCESS)
    const verdict = Compaction.verify(snapshot, made.right)
    if (Either.isRight(verdict)) {
      ;(json ? printError : print)(describeVerified(verdict.right))
      return Either.right(SUCCESS)
    }
    printError(`replicore plan: the plan fails verification: ${verdict.left.message}`)
    return Either.right(verdict.left._tag === "InvalidPlan" ? BAD_INPUT : FAILED)
  }
}
