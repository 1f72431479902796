/**
 * Runs the property tests with a larger budget:
 * `npm run properties:deep -- --runs 20000 [--seed 7] [properties/slots.test.ts …]`.
 * Every suite runs `max(its CI budget, N)` (a suite with several budgets scales
 * the others by the same ratio) and its vacuity floors grow with it; the
 * exhaustive explorations keep their bounds. The seed is printed first, so any
 * failure can be replayed with REPLICORE_SEED and REPLICORE_PATH. Reports go to
 * reports/deep so that docs/invariants.md keeps describing CI's fixed budget.
 */
import { spawnSync } from "node:child_process"
import { parseArgs } from "node:util"

const { positionals, values } = parseArgs({
  options: { runs: { type: "string", default: "20000" }, seed: { type: "string" } },
  allowPositionals: true,
  strict: true
})
const runs = Number(values.runs)
if (!Number.isSafeInteger(runs) || runs <= 0) throw new Error(`--runs must be a positive integer, got ${values.runs}`)
const seed = values.seed ?? String(Date.now() % 2 ** 31)
if (!Number.isSafeInteger(Number(seed))) throw new Error(`--seed must be an integer, got ${seed}`)
const files = positionals.length > 0 ? positionals : ["properties"]

console.log(`properties:deep — seed ${seed}, at least ${runs} runs per property (replay: REPLICORE_SEED=${seed})`)
const result = spawnSync("npx", ["vitest", "run", "--config", "vitest.config.ts", ...files, "--reporter=dot"], {
  stdio: "inherit",
  env: { ...process.env, REPLICORE_SEED: seed, REPLICORE_RUNS: String(runs), REPLICORE_REPORT_DIR: "reports/deep" }
})
process.exitCode = result.status ?? 1
