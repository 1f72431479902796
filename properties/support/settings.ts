/**
 * The fixed seed and run budget of the property tests. CI uses the defaults;
 * `npm run properties:deep -- --runs N [--seed S]` sets both through the
 * environment (`REPLICORE_SEED`, `REPLICORE_RUNS`); `npm run mutation` caps
 * the budget instead (`REPLICORE_RUNS_CAP`), since every mutant pays for it.
 */
const integerFromEnv = (name: string): number | undefined => {
  const raw = process.env[name]
  if (raw === undefined || raw === "") return undefined
  const value = Number(raw)
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`)
  return value
}

export const SEED = integerFromEnv("REPLICORE_SEED") ?? 20261127

/** The budget a deep run asks for, if this is one. */
const REQUESTED_RUNS = integerFromEnv("REPLICORE_RUNS")

/** The cap a mutation run puts on every suite's main budget, if this is one. */
const RUNS_CAP = integerFromEnv("REPLICORE_RUNS_CAP")

/**
 * A budget of a suite: `ciRuns` in CI; in a deep run, the requested budget,
 * never below CI's; in a mutation run, at most the cap. A suite with several
 * budgets names its main one as `suiteCiRuns`, and each other budget changes
 * by the same ratio as the main one.
 */
export const runs = (ciRuns: number, suiteCiRuns: number = ciRuns): number => {
  if (RUNS_CAP !== undefined) return Math.max(1, Math.round(ciRuns * Math.min(1, RUNS_CAP / suiteCiRuns)))
  return REQUESTED_RUNS === undefined ? ciRuns : Math.max(ciRuns, Math.round((ciRuns * REQUESTED_RUNS) / suiteCiRuns))
}

/**
 * How many times CI's budget a suite runs (1 in CI): a vacuity floor that is
 * a fixed count in CI is multiplied by it, so floors follow the budget.
 */
export const scale = (suiteCiRuns: number): number => runs(suiteCiRuns) / suiteCiRuns

/** A failing run's path, to replay it: `REPLICORE_SEED=s REPLICORE_PATH=p npx vitest run <file>`. */
const PATH = process.env["REPLICORE_PATH"]

/**
 * fast-check parameters: fixed seed, the budget of {@link runs}, full failure
 * details (seed, path, counterexample), and the replay path when one is given.
 */
export const propertyParameters = (ciRuns: number, suiteCiRuns: number = ciRuns) => ({
  seed: SEED,
  numRuns: runs(ciRuns, suiteCiRuns),
  verbose: 1 as const,
  ...(PATH === undefined || PATH === "" ? {} : { path: PATH, endOnFailure: true })
})
