/**
 * `replicore simulate`: a simulated day of traffic on a cluster, run three
 * times on the same seed (compaction off, Ray's, the planner), as a table,
 * JSON, and an SVG chart of nodes in use over time.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Simulator } from "../../index.js"
import { integerFlag, type Parsed, stringFlag } from "../args.js"
import type { Command } from "../command.js"
import { InputError, UsageError } from "../errors.js"
import { FAILED, SUCCESS } from "../exitCodes.js"
import { print, printError, progressBar } from "../output.js"

const SCENARIOS: ReadonlyArray<Simulator.Scenario> = ["day", "fragmented", "large"]
/** The seed of `npm start` and of the README's figures. */
const DEFAULT_SEED = 1
/** The longest simulation the command accepts: a week, far beyond the one day the scenarios model. */
const MAX_HOURS = 24 * 7

/**
 * The result as DESIGN §7 specifies it for `--json`, with the simulator's
 * extra fields (served and delayed requests, peak and final nodes, the timeline).
 *
 * @since 0.1.0
 */
export const resultJson = (result: Simulator.SimulationResult): string => JSON.stringify(result, null, 2)

const isScenario = (value: string): value is Simulator.Scenario => (SCENARIOS as ReadonlyArray<string>).includes(value)

const hoursFlag = (parsed: Parsed): Either.Either<number | undefined, UsageError> => {
  const raw = stringFlag(parsed, "hours")
  if (raw === undefined) return Either.right(undefined)
  const hours = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : Number.NaN
  return hours > 0 && hours <= MAX_HOURS
    ? Either.right(hours)
    : Either.left(new UsageError({ command: "simulate", problem: `--hours must be a number of hours above 0 and at most ${MAX_HOURS}, got ${JSON.stringify(raw)}` }))
}

const options = (parsed: Parsed): Either.Either<Simulator.SimulateOptions, UsageError> => {
  const scenario = stringFlag(parsed, "scenario") ?? "day"
  if (!isScenario(scenario)) {
    return Either.left(new UsageError({ command: "simulate", problem: `--scenario must be one of ${SCENARIOS.join(", ")}, got ${JSON.stringify(scenario)}` }))
  }
  return Either.flatMap(integerFlag("simulate", parsed, "seed", { min: 0, max: Number.MAX_SAFE_INTEGER, default: DEFAULT_SEED }), (seed) =>
    Either.map(hoursFlag(parsed), (hours) => ({ scenario, seed, ...(hours === undefined ? {} : { hours }) })))
}

/** Writes the chart and the JSON into `directory`, creating it; a directory that cannot be written is bad input. */
const writeOutputs = async (directory: string, result: Simulator.SimulationResult): Promise<Either.Either<void, InputError>> => {
  try {
    await mkdir(directory, { recursive: true })
    await writeFile(join(directory, "simulate.svg"), Simulator.renderChart(result))
    await writeFile(join(directory, "simulate.json"), `${resultJson(result)}\n`)
    return Either.right(undefined)
  } catch (error) {
    const reason = String((error as { code?: unknown }).code ?? (error instanceof Error ? error.message : error))
    return Either.left(new InputError({ command: "simulate", file: directory, problem: `cannot be written (${reason})` }))
  }
}

/** The runs that break a promise of the simulation: a failed request or an invariant violation. */
const broken = (result: Simulator.SimulationResult): ReadonlyArray<string> =>
  result.runs.flatMap((run) =>
    run.requests.failed > 0 || run.violations > 0
      ? [`compaction ${run.compaction}: ${run.requests.failed} failed requests, ${run.violations} invariant violations`]
      : []
  )

/**
 * The `simulate` command.
 *
 * @since 0.1.0
 */
export const simulate: Command = {
  signature: {
    command: "simulate",
    flags: { scenario: { type: "string" }, seed: { type: "string" }, hours: { type: "string" }, out: { type: "string" }, json: { type: "boolean" } },
    positionals: []
  },
  summary: "Simulate a day of traffic on a cluster three times (compaction off, Ray's, the planner) and compare nodes, cost and requests.",
  usage: "replicore simulate [--scenario day|fragmented|large] [--seed N] [--hours H] [--out DIR] [--json]",
  details: `options:
  --scenario S  day (default: GPU and CPU nodes, 10+ models with diurnal traffic), fragmented (one model
                scales down and leaves scattered replicas), large (1,000+ nodes at peak)
  --seed N      the seed of the simulated world (default ${DEFAULT_SEED}); the same seed gives the same result
  --hours H     simulate H hours instead of the scenario's length
  --out DIR     write DIR/simulate.svg (nodes in use over time) and DIR/simulate.json
  --json        print the result as JSON instead of the table
  -h, --help    this help

A progress bar is drawn on stderr when it is a terminal.

exit codes: 0 done, 1 a run failed requests or broke an invariant, 2 bad usage`,
  run: async (parsed) => {
    const given = options(parsed)
    if (Either.isLeft(given)) return Either.left(given.left)
    const bar = progressBar(`simulating ${given.right.scenario}`)
    const outcome = Either.try({
      try: () => Simulator.simulate({ ...given.right, onProgress: bar.update }),
      catch: (error) => error
    })
    bar.finish()
    if (Either.isLeft(outcome)) {
      const error = outcome.left
      if (error instanceof Simulator.InvalidSimulation) {
        return Either.left(new UsageError({ command: "simulate", problem: `--${error.option}: ${error.problem}` }))
      }
      throw error
    }
    const result = outcome.right
    print(parsed.values["json"] === true ? resultJson(result) : Simulator.renderTable(result))
    const out = stringFlag(parsed, "out")
    if (out !== undefined) {
      const written = await writeOutputs(out, result)
      if (Either.isLeft(written)) return Either.left(written.left)
      printError(`wrote ${join(out, "simulate.svg")} and ${join(out, "simulate.json")}`)
    }
    const problems = broken(result)
    for (const problem of problems) printError(`replicore simulate: ${problem}`)
    return Either.right(problems.length === 0 ? SUCCESS : FAILED)
  }
}
