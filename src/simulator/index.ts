/**
 * The simulated day: a seeded discrete-event cluster serving a dozen models
 * that autoscale independently, driving the lifecycle core (which holds each
 * deployment's replicas in a container and asks the compaction planner for
 * plans), with every request admitted through its replica's slot reservation
 * core, run once per compaction mode on the same day.
 *
 * What is modelled: nodes of a few types with launch delays and prices, a
 * node autoscaler (a node of the cheapest fitting type for a replica placed
 * nowhere, idle nodes given back after 5 minutes, released nodes at once),
 * the cloud draining nodes with 30–60 minutes' notice, Ray's request-based
 * autoscaling per deployment (target ongoing requests, 30 s up / 600 s down
 * delays, 30 s look-back), replica startup (seconds on CPU, minutes for large
 * GPU models) and graceful stops (quiesce, finish admitted requests, exit).
 * Requests arrive as Poisson draws per 10 s step from a diurnal curve with
 * per-model peak hours, bursts and a quiet night; each is routed by power of
 * two choices and goes through `reserve`, `start` with the token and `finish`
 * on the chosen replica's `Slots` state (CPU models' requests are small
 * batches of documents, which keeps the request count near a million a
 * day). A request is failed when its replica exits or its node leaves while it
 * holds a slot, rejected after 60 s at the router, and delayed when it had to
 * wait at the router while its deployment was migrating a replica.
 *
 * Live checks: the spec's `L1`–`L6` (with a second tick at the same `now` for
 * `L6`) and `C1`–`C2` on every deployment's container, after every tick in
 * `fragmented`, every 6th tick (once a simulated minute) in `day` and every
 * 60th in `large` (each evaluation ticks the core a second time and
 * replays the spec's model; checking every tick would double `day`'s time); `S2` on every replica on those same
 * ticks, and `S1` after every granted reservation. Every failing evaluation is
 * a violation.
 *
 * @since 0.1.0
 */
import { Either, ParseResult, Schema } from "effect"
import { InvalidSimulation } from "./errors.js"
import { scenarios } from "./internal/scenarios.js"
import { run } from "./internal/world.js"

/**
 * @since 0.1.0
 */
export * from "./errors.js"

/**
 * @since 0.1.0
 */
export * from "./render.js"

/**
 * The scenarios: `day` (the default: about 50 nodes at peak), `fragmented`
 * (one model scales down and leaves the other's replicas scattered; 6 h by
 * default) and `large` (over 1,000 nodes at peak).
 *
 * @example
 * import type { Simulator } from "replicore"
 * const scenario: Simulator.Scenario = "fragmented"
 *
 * @category options
 * @since 0.1.0
 */
export type Scenario = "day" | "fragmented" | "large"

/**
 * The lifecycle's compaction mode in a run: none, Ray's one node per round,
 * or the planner's global plan.
 *
 * @example
 * import type { Simulator } from "replicore"
 * const modes: ReadonlyArray<Simulator.CompactionMode> = ["off", "ray", "planner"]
 *
 * @category options
 * @since 0.1.0
 */
export type CompactionMode = "off" | "ray" | "planner"

/**
 * What `simulate` reads: the scenario, the seed, the hours to simulate
 * (default 24; `fragmented`: 6), the modes to run (default all three, in
 * that order), and a progress callback (0..1 over all runs).
 *
 * @example
 * import type { Simulator } from "replicore"
 * const options: Simulator.SimulateOptions = { scenario: "day", seed: 7, hours: 2, modes: ["off", "planner"] }
 *
 * @category options
 * @since 0.1.0
 */
export interface SimulateOptions {
  readonly scenario: Scenario
  readonly seed: number
  readonly hours?: number
  readonly modes?: ReadonlyArray<CompactionMode>
  readonly onProgress?: (done: number) => void
}

/**
 * One run's figures: node-hours, GPU-hours and cost (nodes billed from their
 * launch to their departure), migrations, requests (total, served, failed,
 * rejected, delayed by a migration), invariant violations, nodes at the end
 * and at peak, and nodes in use every 5 minutes.
 *
 * @example
 * import { Simulator } from "replicore"
 * const [run] = Simulator.simulate({ scenario: "fragmented", seed: 1, hours: 0.25, modes: ["off"] }).runs
 * run?.requests.failed // 0
 *
 * @category results
 * @since 0.1.0
 */
export interface RunResult {
  readonly compaction: CompactionMode
  readonly nodeHours: number
  readonly gpuHours: number
  readonly cost: number
  readonly migrations: number
  readonly requests: {
    readonly total: number
    readonly served: number
    readonly failed: number
    readonly rejected: number
    readonly delayed: number
  }
  readonly violations: number
  readonly nodesAtEnd: number
  readonly peakNodes: number
  readonly timeline: ReadonlyArray<{ readonly hour: number; readonly nodes: number }>
}

/**
 * A simulation: its scenario, seed and hours, and one run per mode.
 *
 * @example
 * import { Simulator } from "replicore"
 * const result = Simulator.simulate({ scenario: "fragmented", seed: 1, hours: 0.25, modes: ["off"] })
 * result.runs.length // 1
 *
 * @category results
 * @since 0.1.0
 */
export interface SimulationResult {
  readonly scenario: Scenario
  readonly seed: number
  readonly hours: number
  readonly runs: ReadonlyArray<RunResult>
}

const Options = Schema.Struct({
  scenario: Schema.Literal("day", "fragmented", "large"),
  seed: Schema.Int,
  hours: Schema.optional(Schema.Number.pipe(Schema.finite(), Schema.positive(), Schema.lessThanOrEqualTo(24 * 7))),
  modes: Schema.optional(Schema.Array(Schema.Literal("off", "ray", "planner")).pipe(Schema.minItems(1)))
})

const decode = Schema.decodeUnknownEither(Options, { onExcessProperty: "ignore" })

const ALL_MODES: ReadonlyArray<CompactionMode> = ["off", "ray", "planner"]

/**
 * Runs the scenario's day once per compaction mode, on the same seed and
 * traffic. Deterministic: the same options give the same result.
 *
 * @throws {InvalidSimulation} when an option is missing or has no valid value (naming it).
 *
 * @example
 * import { Simulator } from "replicore"
 * const result = Simulator.simulate({ scenario: "fragmented", seed: 1, hours: 0.25, modes: ["off", "planner"] })
 * result.runs.map((r) => r.compaction) // ["off", "planner"]
 *
 * @category simulating
 * @since 0.1.0
 */
export const simulate = (options: SimulateOptions): SimulationResult => {
  const decoded = decode(options)
  if (Either.isLeft(decoded)) {
    const [issue] = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)
    throw new InvalidSimulation({
      option: issue === undefined || issue.path.length === 0 ? "options" : issue.path.join("."),
      problem: issue?.message ?? "expected { scenario, seed, hours?, modes? }"
    })
  }
  const onProgress = (options as { readonly onProgress?: unknown }).onProgress
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new InvalidSimulation({ option: "onProgress", problem: "expected a function" })
  }
  const { scenario: name, seed } = decoded.right
  const scenario = scenarios[name]
  const hours = decoded.right.hours ?? scenario.hours
  const modes = decoded.right.modes ?? ALL_MODES
  const report = onProgress as ((done: number) => void) | undefined
  const runs = modes.map((compaction, i) => {
    const metrics = run({
      scenario,
      seed,
      hours,
      compaction,
      ...(report === undefined ? {} : { onProgress: (f: number) => report((i + f) / modes.length) })
    })
    return { compaction, ...metrics }
  })
  report?.(1)
  return { scenario: name, seed, hours, runs }
}
