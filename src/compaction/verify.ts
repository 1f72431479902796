/**
 * An independent check of a plan: it replays the plan wave by wave on the
 * snapshot, with its own bookkeeping (it shares no code with the planner),
 * and reports the first violated `K*` invariant with the step, wave and node.
 *
 * @since 0.1.0
 */
import { Data, Either, Option } from "effect"
import type { InvalidPlan } from "./errors.js"
import * as Budgets from "./internal/verify/budgets.js"
import * as Capacity from "./internal/verify/capacity.js"
import * as Conservation from "./internal/verify/conservation.js"
import * as Destinations from "./internal/verify/destinations.js"
import type { Check } from "./internal/verify/finding.js"
import * as Metrics from "./internal/verify/metrics.js"
import * as Moves from "./internal/verify/moves.js"
import * as Outcome from "./internal/verify/outcome.js"
import * as PerNode from "./internal/verify/perNode.js"
import * as Pins from "./internal/verify/pins.js"
import * as Releases from "./internal/verify/releases.js"
import * as Surge from "./internal/verify/surge.js"
import * as Trace from "./internal/verify/trace.js"
import { decodePlan, type Plan } from "./Plan.js"
import type { PlanOptionsInput, Snapshot } from "./Snapshot.js"

/**
 * The invariants `verify` decides: every `K*` of `spec/compaction.ts` but
 * K10 (determinism) and K11 (no flapping), which are properties of the
 * planner rather than of one plan.
 *
 * @category models
 * @since 0.1.0
 */
export type VerifiedInvariant = "K1" | "K2" | "K3" | "K4" | "K5" | "K6" | "K7" | "K8" | "K9" | "K12" | "K13"

/**
 * The first invariant a plan violates, where.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const s = Compaction.validateOrThrow({
 *   nodes: [{ id: "a", capacity: { CPU: 1 } }, { id: "b", capacity: { CPU: 1 } }],
 *   deployments: [{ id: "d", demand: { CPU: 1 } }],
 *   replicas: [{ id: "r1", deployment: "d", node: "a" }, { id: "r2", deployment: "d", node: "b" }]
 * })
 * const bad = {
 *   steps: [{ replica: "r1", deployment: "d", from: "a", to: "b", wave: 1 }],
 *   released: [{ node: "a", afterWave: 1 }],
 *   placement: [{ replica: "r1", node: "b" }, { replica: "r2", node: "b" }],
 *   metrics: { nodesBefore: 2, nodesAfter: 1, costBefore: 2, costAfter: 1, migrations: 1, migrationCost: 1, waves: 1, complete: true },
 *   explanations: []
 * }
 * const result = Compaction.verify(s, bad)
 * Either.isLeft(result) && result.left._tag === "PlanViolation" && result.left.invariant // "K1": b holds r2 and receives r1
 *
 * @category errors
 * @since 0.1.0
 */
export class PlanViolation extends Data.TaggedError("PlanViolation")<{
  readonly invariant: VerifiedInvariant
  readonly wave?: number
  /** The index of the offending step in `plan.steps`. */
  readonly step?: number
  readonly node?: string
  readonly replica?: string
  readonly detail: string
}> {
  override get message(): string {
    const where = [
      this.wave === undefined ? "" : `wave ${this.wave}`,
      this.step === undefined ? "" : `step ${this.step}`,
      this.node === undefined ? "" : `node ${JSON.stringify(this.node)}`,
      this.replica === undefined ? "" : `replica ${JSON.stringify(this.replica)}`
    ].filter((s) => s !== "").join(", ")
    return `replicore/compaction.verify: ${this.invariant} violated${where === "" ? "" : ` (${where})`}: ${this.detail}`
  }
}

/**
 * What the replay saw of a plan that holds every invariant.
 *
 * @category models
 * @since 0.1.0
 */
export interface Verified {
  readonly waves: number
  readonly migrations: number
  readonly released: number
  /** The highest share of any resource of any node at any instant (0..1). */
  readonly peakUtilization: number
}

/**
 * The checks, one per family of invariants, in the order they run. The moves
 * come first: every later check reads the steps as moves of known replicas
 * from where they are to known nodes. Then the rules that need no replay
 * (pins, destinations, budgets, surge), then the replay of the waves
 * (capacity, per-node limits), then the outcome (releases, conservation,
 * node count and cost, metrics).
 */
const checks: ReadonlyArray<Check> = [
  Moves.check,
  Pins.check,
  Destinations.check,
  Budgets.check,
  Surge.check,
  Capacity.check,
  PerNode.check,
  Releases.check,
  Conservation.check,
  Outcome.check,
  Metrics.check
]

/** Runs every check on the plan laid over the snapshot; the first finding is the violation. */
const replay = (snapshot: Snapshot, plan: Plan, options: PlanOptionsInput): Either.Either<Verified, PlanViolation> => {
  const trace = Trace.make(snapshot, plan, options)
  for (const check of checks) {
    const found = check(trace)
    if (Option.isSome(found)) return Either.left(new PlanViolation(found.value))
  }
  return Either.right({
    waves: trace.waves.length,
    migrations: plan.steps.length,
    released: plan.released.length,
    peakUtilization: Capacity.peakUtilization(trace)
  })
}

/**
 * What `verify` answers instead of a `Verified`: the first invariant the plan
 * violates, or a plan that does not decode (see `decodePlan`).
 *
 * @category errors
 * @since 0.1.0
 */
export type VerifyError = PlanViolation | InvalidPlan

/**
 * Decodes a plan from outside (parsed JSON, or a `Plan` in hand) for the
 * snapshot, then replays it and checks every K* invariant but the planner's own
 * K10 and K11: capacity at every instant, surge, `maxReplicasPerNode` in
 * flight, releases, pinned replicas and nodes, cordoned destinations, one move
 * per replica, budgets, conservation, no increase in nodes or cost, no moves
 * for nothing, and honest metrics. A plan that does not
 * decode is an `InvalidPlan` listing every problem; a plan that breaks an
 * invariant is a `PlanViolation` naming the first one. The options are the
 * ones the plan must respect (default: `snapshot.options`). Never throws.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const s = Compaction.validateOrThrow({
 *   nodes: [{ id: "a", capacity: { CPU: 2 } }, { id: "b", capacity: { CPU: 2 } }],
 *   deployments: [{ id: "d", demand: { CPU: 1 } }],
 *   replicas: [{ id: "r1", deployment: "d", node: "a" }, { id: "r2", deployment: "d", node: "b" }]
 * })
 * Either.isRight(Compaction.verify(s, Compaction.plan(s))) // true
 * const malformed = Compaction.verify(s, { steps: [] })
 * Either.isLeft(malformed) && malformed.left._tag // "InvalidPlan"
 *
 * @category verification
 * @since 0.1.0
 */
export const verify = (
  snapshot: Snapshot,
  plan: unknown,
  options: PlanOptionsInput = snapshot.options ?? {}
): Either.Either<Verified, VerifyError> =>
  Either.flatMap(decodePlan(snapshot, plan), (decoded) => replay(snapshot, decoded, options))
