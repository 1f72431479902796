/**
 * The fixed seed and run budget of the property tests. CI uses the defaults;
 * `npm run properties:deep -- --runs N [--seed S]` sets both through the environment.
 */
const integerFromEnv = (name: string, fallback: number): number => {
  const raw = process.env[name]
  if (raw === undefined || raw === "") return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`)
  return value
}

export const SEED = integerFromEnv("REPLICORE_SEED", 20261127)

/** Scales a suite's CI budget when `REPLICORE_RUNS` asks for a deeper run. */
export const runs = (ciRuns: number): number => integerFromEnv("REPLICORE_RUNS", ciRuns)

/** A failing run's path, to replay it: `REPLICORE_SEED=s REPLICORE_PATH=p npx vitest run <file>`. */
const PATH = process.env["REPLICORE_PATH"]

/** fast-check parameters: fixed seed, bounded runs, full failure details (seed, path, counterexample). */
export const propertyParameters = (ciRuns: number) => ({
  seed: SEED,
  numRuns: runs(ciRuns),
  verbose: 1 as const,
  ...(PATH === undefined || PATH === "" ? {} : { path: PATH, endOnFailure: true })
})
