/**
 * The cluster snapshot the compaction planner reads: nodes, deployments and
 * replicas, every quantity a non-negative integer in the smallest unit
 * (milli-CPU, MiB, GPUs, custom units). `validate` turns an unknown value
 * (parsed JSON) into a `Snapshot` or an `InvalidSnapshot` naming every
 * offending item; nothing is planned from bad input.
 *
 * @since 0.1.0
 */
import { Either, ParseResult, Schema } from "effect"
import { InvalidSnapshot, type SnapshotProblem } from "./errors.js"

/**
 * Resource quantities by name: `{ CPU: 4000, memory: 16384, GPU: 1 }`. A
 * missing name reads as 0.
 *
 * @since 0.1.0
 */
export const Resources = Schema.Record({ key: Schema.String, value: Schema.NonNegativeInt })

/**
 * @since 0.1.0
 */
export type Resources = typeof Resources.Type

/**
 * A node. `releasable` is false for a head or static node, `acceptsIncoming`
 * false for a cordoned or draining one; both default to true, `cost` to 1.
 *
 * @since 0.1.0
 */
export const Node = Schema.Struct({
  id: Schema.String,
  capacity: Resources,
  cost: Schema.optionalWith(Schema.NonNegative.pipe(Schema.finite()), { default: () => 1 }),
  releasable: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  acceptsIncoming: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  labels: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
})

/**
 * @since 0.1.0
 */
export type Node = typeof Node.Type

/**
 * A deployment: the demand of one replica, at most `maxReplicasPerNode` of
 * them on one node, at most `maxSurge` of them in flight at once (0: never
 * move; default 1), and the cost of one migration (default 1).
 *
 * @since 0.1.0
 */
export const Deployment = Schema.Struct({
  id: Schema.String,
  demand: Resources,
  maxReplicasPerNode: Schema.optional(Schema.Int.pipe(Schema.greaterThanOrEqualTo(1))),
  maxSurge: Schema.optionalWith(Schema.NonNegativeInt, { default: () => 1 }),
  migrationCost: Schema.optionalWith(Schema.NonNegative.pipe(Schema.finite()), { default: () => 1 })
})

/**
 * @since 0.1.0
 */
export type Deployment = typeof Deployment.Type

/**
 * A replica on a node. Only RUNNING replicas are `movable` (default true).
 *
 * @since 0.1.0
 */
export const Replica = Schema.Struct({
  id: Schema.String,
  deployment: Schema.String,
  node: Schema.String,
  movable: Schema.optionalWith(Schema.Boolean, { default: () => true })
})

/**
 * @since 0.1.0
 */
export type Replica = typeof Replica.Type

/**
 * The planner's options: a budget on the summed migration cost, a limit on
 * the steps of one wave, the objective (`"nodes"` released, the default, or
 * released `"cost"`), a time budget in milliseconds and the seed of the
 * improvement phase (default 0).
 *
 * @since 0.1.0
 */
export const PlanOptions = Schema.Struct({
  migrationBudget: Schema.optional(Schema.NonNegative.pipe(Schema.finite())),
  maxConcurrentMigrations: Schema.optional(Schema.Int.pipe(Schema.greaterThanOrEqualTo(1))),
  objective: Schema.optionalWith(Schema.Literal("nodes", "cost"), { default: () => "nodes" as const }),
  timeBudgetMs: Schema.optional(Schema.NonNegative.pipe(Schema.finite())),
  seed: Schema.optionalWith(Schema.Int, { default: () => 0 })
})

/**
 * The options as given (every field optional).
 *
 * @since 0.1.0
 */
export type PlanOptionsInput = typeof PlanOptions.Encoded

/**
 * The options with their defaults filled in.
 *
 * @since 0.1.0
 */
export type PlanOptions = typeof PlanOptions.Type

/**
 * @since 0.1.0
 */
export const Snapshot = Schema.Struct({
  nodes: Schema.Array(Node),
  deployments: Schema.Array(Deployment),
  replicas: Schema.Array(Replica),
  options: Schema.optional(PlanOptions)
})

/**
 * A validated snapshot: ids unique, references known, no node over capacity.
 *
 * @since 0.1.0
 */
export type Snapshot = typeof Snapshot.Type

/**
 * A snapshot as written in JSON: defaults may be left out.
 *
 * @since 0.1.0
 */
export type SnapshotInput = typeof Snapshot.Encoded

const decode = Schema.decodeUnknownEither(Snapshot, { errors: "all", onExcessProperty: "ignore" })

/** The item a schema path points into, e.g. `replicas[3] ("r7")`. */
const describePath = (input: unknown, path: ReadonlyArray<PropertyKey>): string => {
  const parts: Array<string> = []
  let at: unknown = input
  for (const key of path) {
    at = typeof at === "object" && at !== null ? (at as Record<PropertyKey, unknown>)[key] : undefined
    if (typeof key === "number") {
      const id = typeof at === "object" && at !== null ? (at as { id?: unknown }).id : undefined
      parts[parts.length - 1] += typeof id === "string" ? `[${key}] (${JSON.stringify(id)})` : `[${key}]`
    } else parts.push(String(key))
  }
  return parts.join(".") || "snapshot"
}

const duplicates = (kind: "node" | "deployment" | "replica", ids: ReadonlyArray<string>): Array<SnapshotProblem> => {
  const seen = new Set<string>()
  const problems: Array<SnapshotProblem> = []
  for (const id of ids) {
    if (seen.has(id)) problems.push({ item: `${kind} ${JSON.stringify(id)}`, problem: `duplicate ${kind} id` })
    seen.add(id)
  }
  return problems
}

/** References, duplicates and capacity: what the schema alone cannot say. */
const consistencyProblems = (snapshot: Snapshot): Array<SnapshotProblem> => {
  const problems = [
    ...duplicates("node", snapshot.nodes.map((n) => n.id)),
    ...duplicates("deployment", snapshot.deployments.map((d) => d.id)),
    ...duplicates("replica", snapshot.replicas.map((r) => r.id))
  ]
  const nodes = new Map(snapshot.nodes.map((n) => [n.id, n]))
  const deployments = new Map(snapshot.deployments.map((d) => [d.id, d]))
  const load = new Map<string, Map<string, number>>()
  const perNode = new Map<string, number>()
  for (const replica of snapshot.replicas) {
    const item = `replica ${JSON.stringify(replica.id)}`
    const deployment = deployments.get(replica.deployment)
    if (deployment === undefined) {
      problems.push({ item, problem: `unknown deployment ${JSON.stringify(replica.deployment)}` })
    }
    if (!nodes.has(replica.node)) problems.push({ item, problem: `unknown node ${JSON.stringify(replica.node)}` })
    if (deployment === undefined || !nodes.has(replica.node)) continue
    const used = load.get(replica.node) ?? new Map<string, number>()
    load.set(replica.node, used)
    for (const [resource, amount] of Object.entries(deployment.demand)) {
      used.set(resource, (used.get(resource) ?? 0) + amount)
    }
    const key = `${replica.node}\u0000${replica.deployment}`
    const count = (perNode.get(key) ?? 0) + 1
    perNode.set(key, count)
    if (deployment.maxReplicasPerNode !== undefined && count === deployment.maxReplicasPerNode + 1) {
      problems.push({
        item: `node ${JSON.stringify(replica.node)}`,
        problem: `holds more than maxReplicasPerNode ${deployment.maxReplicasPerNode} replicas of deployment ${
          JSON.stringify(deployment.id)
        }`
      })
    }
  }
  for (const [nodeId, used] of load) {
    const capacity = nodes.get(nodeId)?.capacity ?? {}
    for (const [resource, amount] of used) {
      const available = capacity[resource] ?? 0
      if (amount > available) {
        problems.push({
          item: `node ${JSON.stringify(nodeId)}`,
          problem: `over capacity in ${resource}: replicas need ${amount}, capacity is ${available}`
        })
      }
    }
  }
  return problems
}

/**
 * Validates an unknown value (parsed JSON) as a snapshot: the shape and every
 * quantity by effect's Schema, then unique ids, known references, and no node
 * over capacity or over a deployment's `maxReplicasPerNode`. The error names
 * every offending item.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const result = Compaction.validate({
 *   nodes: [{ id: "n1", capacity: { CPU: 4 } }],
 *   deployments: [{ id: "d", demand: { CPU: 1 } }],
 *   replicas: [{ id: "r1", deployment: "d", node: "n2" }]
 * })
 * Either.isLeft(result) // true: replica "r1": unknown node "n2"
 *
 * @since 0.1.0
 */
export const validate = (input: unknown): Either.Either<Snapshot, InvalidSnapshot> => {
  const decoded = decode(input)
  if (Either.isLeft(decoded)) {
    const problems = ParseResult.ArrayFormatter.formatErrorSync(decoded.left).map((issue) => ({
      item: describePath(input, issue.path),
      problem: issue.message
    }))
    return Either.left(new InvalidSnapshot({ problems }))
  }
  const problems = consistencyProblems(decoded.right)
  return problems.length === 0 ? Either.right(decoded.right) : Either.left(new InvalidSnapshot({ problems }))
}

/**
 * Like `validate`, but throws the `InvalidSnapshot`: for snapshots written in code.
 *
 * @example
 * import { Compaction } from "replicore"
 * const snapshot = Compaction.validateOrThrow({
 *   nodes: [{ id: "n1", capacity: { CPU: 4 } }],
 *   deployments: [{ id: "d", demand: { CPU: 1 } }],
 *   replicas: [{ id: "r1", deployment: "d", node: "n1" }]
 * })
 * snapshot.nodes[0]?.releasable // true (the default)
 *
 * @since 0.1.0
 */
export const validateOrThrow = (input: SnapshotInput): Snapshot => Either.getOrThrowWith(validate(input), (e) => e)
