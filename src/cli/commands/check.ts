/**
 * `replicore check [--runs N] [--seed S]`: runs the model-based, exhaustive
 * and generated checks of every core against the installed package, and
 * prints the verification report. It needs fast-check, which is a peer
 * dependency of the package for this command; vitest is not needed.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { allInvariants } from "../../../spec/index.js"
import { integerFlag } from "../args.js"
import type { Command } from "../command.js"
import { FAILED, SUCCESS } from "../exitCodes.js"
import { print, printError, progressBar } from "../output.js"

/** The default budget: about a minute on a small machine, enough for a user's CI. */
const DEFAULT_RUNS = 100
/** The seed of the package's own CI, so that a default run repeats what CI checked. */
const DEFAULT_SEED = 20261127
/** fast-check takes a 32-bit seed. */
const MAX_SEED = 2 ** 31 - 1

/**
 * The `check` command.
 *
 * @since 0.1.0
 */
export const check: Command = {
  signature: { command: "check", flags: { runs: { type: "string" }, seed: { type: "string" } }, positionals: [] },
  summary: "Check every core of the installed package against its specification and print the verification report.",
  usage: "replicore check [--runs N] [--seed S]",
  details: `Runs fast-check model-based runs of the container, slot reservation and lifecycle cores against the
reference models of the package's spec (every invariant after every operation), the bounded
exhaustive explorations of the container and slot cores (fixed scopes, explored to a fixpoint), and
compaction plans of generated snapshots checked by the independent verifier. The lifecycle's
exhaustive exploration runs in the package's own CI only: it takes far longer than this budget.
Needs fast-check (a dependency of the package); vitest is not needed.

options:
  --runs N    runs per model-based check (default ${DEFAULT_RUNS}; the lifecycle runs N/10, compaction plans 10·N snapshots)
  --seed S    fast-check's seed (default ${DEFAULT_SEED}); a failure prints the seed and path that reproduce it
  -h, --help  this help

exit codes: 0 every invariant holds, 1 a check failed (its counterexample is printed), 2 bad usage`,
  run: async (parsed) => {
    const runs = integerFlag("check", parsed, "runs", { min: 1, max: 1_000_000, default: DEFAULT_RUNS })
    if (Either.isLeft(runs)) return Either.left(runs.left)
    const seed = integerFlag("check", parsed, "seed", { min: 0, max: MAX_SEED, default: DEFAULT_SEED })
    if (Either.isLeft(seed)) return Either.left(seed.left)
    const { allChecks } = await import("../check/index.js")
    const bar = progressBar("checking")
    const results = allChecks.map((c, i) => {
      bar.update(i / allChecks.length)
      const result = c.run({ runs: runs.right, seed: seed.right })
      return result
    })
    bar.finish()
    const { renderReport } = await import("../check/report.js")
    print(renderReport(allInvariants, results))
    const failed = results.some((r) => r.failure !== undefined)
    if (failed) printError(`replicore check: a check failed; rerun it with replicore check --seed ${seed.right} --runs ${runs.right}`)
    return Either.right(failed ? FAILED : SUCCESS)
  }
}
