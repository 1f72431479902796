/**
 * A compaction plan: migration steps grouped into waves, the nodes released
 * and when, the final placement, metrics, and why under-used nodes are kept.
 *
 * A step means: start a new replica of `deployment` on `to`, wait until it is
 * healthy, reroute, stop the old one on `from`. The steps of one wave run
 * concurrently; capacity freed in a wave is usable from the next wave.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import { InvalidPlan } from "./errors.js"
import { type Located, locate, named } from "./internal/problems.js"
import * as Field from "./internal/schemas.js"
import type { Snapshot } from "./Snapshot.js"

/**
 * One migration.
 *
 * @category models
 * @since 0.1.0
 */
export interface Step {
  readonly replica: string
  readonly deployment: string
  readonly from: string
  readonly to: string
  /** 1 for the first wave. */
  readonly wave: number
}

/**
 * A node the plan empties, and the wave after which it is empty.
 *
 * @category models
 * @since 0.1.0
 */
export interface Release {
  readonly node: string
  readonly afterWave: number
}

/**
 * Where a replica is after the plan.
 *
 * @category models
 * @since 0.1.0
 */
export interface Placement {
  readonly replica: string
  readonly node: string
}

/**
 * What keeps an under-used node from being released.
 *
 * - `not-releasable`: the node is a head or static node;
 * - `unmovable-replica`: a replica on it is not movable (or its deployment's `maxSurge` is 0);
 * - `no-room`: a replica on it fits on no other kept node, even after making room;
 * - `migration-budget`: emptying it would exceed the migration budget;
 * - `destination`: it receives migrated replicas (it was chosen to stay);
 * - `not-searched`: the search stopped (its time budget ran out) before trying
 *   to empty it; only in a plan whose `metrics.complete` is false.
 *
 * @category models
 * @since 0.1.0
 */
export type KeptReason =
  | "not-releasable"
  | "unmovable-replica"
  | "no-room"
  | "migration-budget"
  | "destination"
  | "not-searched"

/**
 * Why a non-empty node with every resource under half used is kept.
 *
 * @category models
 * @since 0.1.0
 */
export interface Explanation {
  readonly node: string
  readonly reason: KeptReason
  /** The replica that blocks it, when one does. */
  readonly replica?: string
  readonly message: string
}

/**
 * Plan metrics. Node counts count non-empty nodes.
 *
 * @category models
 * @since 0.1.0
 */
export interface PlanMetrics {
  readonly nodesBefore: number
  readonly nodesAfter: number
  readonly costBefore: number
  readonly costAfter: number
  readonly migrations: number
  readonly migrationCost: number
  readonly waves: number
  /** False when the time budget cut the improvement phase short. */
  readonly complete: boolean
}

/**
 * A compaction plan: the steps in waves, the nodes released, the final
 * placement, metrics and explanations.
 *
 * @category models
 * @since 0.1.0
 */
export interface Plan {
  readonly steps: ReadonlyArray<Step>
  readonly released: ReadonlyArray<Release>
  readonly placement: ReadonlyArray<Placement>
  readonly metrics: PlanMetrics
  readonly explanations: ReadonlyArray<Explanation>
}

const step: Schema.Schema<Step> = Schema.Struct({
  replica: Schema.String,
  deployment: Schema.String,
  from: Schema.String,
  to: Schema.String,
  wave: Field.PositiveInteger
}).annotations({ description: "a step object" })

const release: Schema.Schema<Release> = Schema.Struct({
  node: Schema.String,
  afterWave: Field.NonNegativeInteger
}).annotations({ description: "a release object" })

const placement: Schema.Schema<Placement> = Schema.Struct({
  replica: Schema.String,
  node: Schema.String
}).annotations({ description: "a placement object" })

const explanation: Schema.Schema<Explanation> = Schema.Struct({
  node: Schema.String,
  reason: Schema.Literal("not-releasable", "unmovable-replica", "no-room", "migration-budget", "destination", "not-searched"),
  replica: Schema.optionalWith(Schema.String, { exact: true }),
  message: Schema.String
}).annotations({ description: "an explanation object" })

const metrics: Schema.Schema<PlanMetrics> = Schema.Struct({
  nodesBefore: Field.NonNegativeInteger,
  nodesAfter: Field.NonNegativeInteger,
  costBefore: Field.NonNegativeNumber,
  costAfter: Field.NonNegativeNumber,
  migrations: Field.NonNegativeInteger,
  migrationCost: Field.NonNegativeNumber,
  waves: Field.NonNegativeInteger,
  complete: Schema.Boolean
}).annotations({ description: "a metrics object" })

/**
 * The shape of a plan, strict: every object refuses unknown keys, every count
 * is a non-negative safe integer and every wave number at least 1. It says
 * nothing of the snapshot the plan is for: `decodePlan` checks that too.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either, Schema } from "effect"
 * Either.isLeft(Schema.decodeUnknownEither(Compaction.Plan)({ steps: [] })) // true: released, placement, … are missing
 *
 * @category schemas
 * @since 0.1.0
 */
export const Plan: Schema.Schema<Plan> = Schema.Struct({
  steps: Schema.Array(step).annotations({ description: "a list of steps" }),
  released: Schema.Array(release).annotations({ description: "a list of releases" }),
  placement: Schema.Array(placement).annotations({ description: "a list of placements" }),
  metrics,
  explanations: Schema.Array(explanation).annotations({ description: "a list of explanations" })
}).annotations({ description: "a plan object (steps, released, placement, metrics, explanations)" })

const decodeShape = Schema.decodeUnknownEither(Plan, { errors: "all", onExcessProperty: "error" })

/** Each list's items are named by the replica or node they are about in problem lines. */
const LABELS = { steps: "replica", released: "node", placement: "replica", explanations: "node" } as const

/** The fields of each list that name something in the snapshot, and what they name. */
const REFERENCES: Readonly<Record<keyof typeof LABELS, Readonly<Record<string, "replica" | "deployment" | "node">>>> = {
  steps: { replica: "replica", deployment: "deployment", from: "node", to: "node" },
  released: { node: "node" },
  placement: { replica: "replica", node: "node" },
  explanations: { node: "node", replica: "replica" }
}

/** Every replica, deployment and node the plan names that the snapshot does not have (read wherever the name is a string). */
const unknownReferences = (snapshot: Snapshot, input: unknown): Array<Located> => {
  const known = {
    replica: new Set(snapshot.replicas.map((r) => r.id)),
    deployment: new Set(snapshot.deployments.map((d) => d.id)),
    node: new Set(snapshot.nodes.map((n) => n.id))
  }
  const problems: Array<Located> = []
  if (typeof input !== "object" || input === null) return problems
  for (const [list, fields] of Object.entries(REFERENCES)) {
    const items: unknown = Object.hasOwn(input, list) ? (input as Record<string, unknown>)[list] : undefined
    if (!Array.isArray(items)) continue
    items.forEach((item: unknown, index) => {
      if (typeof item !== "object" || item === null) return
      for (const [key, kind] of Object.entries(fields)) {
        const name: unknown = Object.hasOwn(item, key) ? (item as Record<string, unknown>)[key] : undefined
        if (typeof name === "string" && !known[kind].has(name)) {
          problems.push({ path: [list, index, key], problem: `unknown ${kind} ${JSON.stringify(name)}` })
        }
      }
    })
  }
  return problems
}

/**
 * Decodes a plan from outside (parsed JSON) for a snapshot, reporting every
 * problem in one pass: its shape (see `Plan`) and every replica, deployment
 * and node it names that the snapshot does not have. Each problem is one line
 * `path (id): problem`. It does not replay the plan: `verify` does. Never
 * throws.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const s = Compaction.validateOrThrow({
 *   nodes: [{ id: "a", capacity: { CPU: 2 } }],
 *   deployments: [{ id: "d", demand: { CPU: 1 } }],
 *   replicas: [{ id: "r1", deployment: "d", node: "a" }]
 * })
 * const result = Compaction.decodePlan(s, {
 *   steps: [{ replica: "r1", deployment: "d", from: "a", to: "z", wave: 1 }],
 *   released: [],
 *   placement: [{ replica: "r1", node: "z" }],
 *   metrics: { nodesBefore: 1, nodesAfter: 1, costBefore: 1, costAfter: 1, migrations: 1, migrationCost: 1, waves: 1, complete: true },
 *   explanations: []
 * })
 * Either.isLeft(result) && result.left.problems.map((p) => `${p.item}: ${p.problem}`)
 * // ['steps[0] ("r1").to: unknown node "z"', 'placement[0] ("r1").node: unknown node "z"']
 *
 * @category decoding
 * @since 0.1.0
 */
export const decodePlan = (snapshot: Snapshot, input: unknown): Either.Either<Plan, InvalidPlan> => {
  const decoded = decodeShape(input)
  const located = [...(Either.isLeft(decoded) ? locate(decoded.left) : []), ...unknownReferences(snapshot, input)]
  if (Either.isRight(decoded) && located.length === 0) return Either.right(decoded.right)
  return Either.left(new InvalidPlan({ problems: named(input, located, LABELS, "plan") }))
}
