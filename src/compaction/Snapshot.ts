/**
 * The cluster snapshot the compaction planner reads: nodes, deployments and
 * replicas, every quantity a non-negative safe integer in the smallest unit
 * (milli-CPU, MiB, GPUs, custom units). `validate` turns an unknown value
 * (parsed JSON) into a `Snapshot` or an `InvalidSnapshot` naming every
 * problem; nothing is planned from bad input, and only `validate` (or
 * `validateOrThrow`) makes a `Snapshot`.
 *
 * @since 0.1.0
 */
import { Brand, Either, Schema } from "effect"
import { InvalidSnapshot } from "./errors.js"
import { type Located, locate, named } from "./internal/problems.js"
import * as Field from "./internal/schemas.js"

/**
 * Resource quantities by name: `{ CPU: 4000, memory: 16384, GPU: 1 }`, each a
 * non-negative safe integer. A missing name reads as 0.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Compaction.Resources)({ CPU: 4000, GPU: 1 }) // { CPU: 4000, GPU: 1 }
 *
 * @category schemas
 * @since 0.1.0
 */
export const Resources = Field.Resources

/**
 * @category models
 * @since 0.1.0
 */
export type Resources = typeof Resources.Type

/**
 * A node. `releasable` is false for a head or static node, `acceptsIncoming`
 * false for a cordoned or draining one; both default to true, `cost` to 1.
 * Any other key is refused.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Compaction.Node)({ id: "n1", capacity: { CPU: 4000 } }).releasable // true
 *
 * @category schemas
 * @since 0.1.0
 */
export const Node = Schema.Struct({
  id: Schema.String,
  capacity: Resources,
  cost: Schema.optionalWith(Field.NonNegativeNumber, { default: () => 1 }),
  releasable: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  acceptsIncoming: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  labels: Schema.optional(Field.Labels)
}).annotations({ description: "a node object" })

/**
 * @category models
 * @since 0.1.0
 */
export type Node = typeof Node.Type

/**
 * A deployment: the demand of one replica, at most `maxReplicasPerNode` of
 * them on one node, at most `maxSurge` of them in flight at once (0: never
 * move; default 1), and the cost of one migration (default 1). Any other key
 * is refused.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Compaction.Deployment)({ id: "d", demand: { CPU: 1000 } }).maxSurge // 1
 *
 * @category schemas
 * @since 0.1.0
 */
export const Deployment = Schema.Struct({
  id: Schema.String,
  demand: Resources,
  maxReplicasPerNode: Schema.optional(Field.PositiveInteger),
  maxSurge: Schema.optionalWith(Field.NonNegativeInteger, { default: () => 1 }),
  migrationCost: Schema.optionalWith(Field.NonNegativeNumber, { default: () => 1 })
}).annotations({ description: "a deployment object" })

/**
 * @category models
 * @since 0.1.0
 */
export type Deployment = typeof Deployment.Type

/**
 * A replica on a node. Only RUNNING replicas are `movable` (default true).
 * Any other key is refused.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Compaction.Replica)({ id: "r1", deployment: "d", node: "n1" }).movable // true
 *
 * @category schemas
 * @since 0.1.0
 */
export const Replica = Schema.Struct({
  id: Schema.String,
  deployment: Schema.String,
  node: Schema.String,
  movable: Schema.optionalWith(Schema.Boolean, { default: () => true })
}).annotations({ description: "a replica object" })

/**
 * @category models
 * @since 0.1.0
 */
export type Replica = typeof Replica.Type

/**
 * The planner's options: a budget on the summed migration cost, a limit on
 * the steps of one wave, the objective (`"nodes"` released, the default, or
 * released `"cost"`), a time budget in milliseconds and the seed of the
 * improvement phase (default 0). Any other key is refused; a field set to
 * `undefined` counts as left out.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Compaction.PlanOptions)({ maxConcurrentMigrations: 10 }).objective // "nodes"
 *
 * @category schemas
 * @since 0.1.0
 */
export const PlanOptions = Schema.Struct({
  migrationBudget: Schema.optional(Field.NonNegativeNumber),
  maxConcurrentMigrations: Schema.optional(Field.PositiveInteger),
  objective: Schema.optionalWith(Schema.Literal("nodes", "cost"), { default: () => "nodes" as const }),
  timeBudgetMs: Schema.optional(Field.NonNegativeNumber),
  seed: Schema.optionalWith(Field.Integer, { default: () => 0 })
}).annotations({ description: "an options object" })

/**
 * The options as given (every field optional).
 *
 * @category models
 * @since 0.1.0
 */
export type PlanOptionsInput = typeof PlanOptions.Encoded

/**
 * The options with their defaults filled in.
 *
 * @category models
 * @since 0.1.0
 */
export type PlanOptions = typeof PlanOptions.Type

/** The shape of a snapshot; ids, references and capacity are checked beside it, in `validate`. */
const SnapshotShape = Schema.Struct({
  nodes: Schema.Array(Node).annotations({ description: "a list of nodes" }),
  deployments: Schema.Array(Deployment).annotations({ description: "a list of deployments" }),
  replicas: Schema.Array(Replica).annotations({ description: "a list of replicas" }),
  options: Schema.optional(PlanOptions)
}).annotations({ description: "a snapshot object (nodes, deployments, replicas, options)" })

/**
 * A validated snapshot: its shape decoded with the defaults filled in, ids
 * unique, references known, no node over capacity or over a deployment's
 * `maxReplicasPerNode`. The brand makes it a type that only `validate` and
 * `validateOrThrow` produce: an object literal is not a `Snapshot`.
 *
 * @example
 * import { Compaction } from "replicore"
 * const snapshot: Compaction.Snapshot = Compaction.validateOrThrow({ nodes: [], deployments: [], replicas: [] })
 * snapshot.nodes.length // 0
 *
 * @category models
 * @since 0.1.0
 */
export type Snapshot = typeof SnapshotShape.Type & Brand.Brand<"Snapshot">

/**
 * A snapshot as written in JSON: defaults may be left out.
 *
 * @category models
 * @since 0.1.0
 */
export type SnapshotInput = typeof SnapshotShape.Encoded

const decodeShape = Schema.decodeUnknownEither(SnapshotShape, { errors: "all", onExcessProperty: "error" })

const validated = Brand.nominal<Snapshot>()

/** Each list's items are named by their id in problem lines. */
const LABELS = { nodes: "id", deployments: "id", replicas: "id" } as const

type List = keyof typeof LABELS

/** An item of a list: where it is, what it holds, and whether its shape decoded (only then are its fields trusted). */
interface Entry {
  readonly index: number
  readonly value: unknown
  readonly wellFormed: boolean
}

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined

const text = (value: unknown, key: string): string | undefined => {
  const v = field(value, key)
  return typeof v === "string" ? v : undefined
}

/** Whether the input has the list (its shape problems aside): only then can a reference to it be checked. */
const listed = (data: unknown, list: List): boolean => Array.isArray(field(data, list))

/** The items of a list (none when it is missing or not a list); `malformed` holds `list[index]` for every shape problem. */
const entriesOf = (data: unknown, list: List, malformed: ReadonlySet<string>): ReadonlyArray<Entry> => {
  const items = field(data, list)
  return Array.isArray(items) ? items.map((value, index) => ({ index, value, wellFormed: !malformed.has(`${list}[${index}]`) })) : []
}

/** A later item that repeats an earlier item's id, at each repetition. */
const duplicates = (list: List, kind: string, entries: ReadonlyArray<Entry>): Array<Located> => {
  const first = new Map<string, number>()
  const problems: Array<Located> = []
  for (const entry of entries) {
    const id = text(entry.value, "id")
    if (id === undefined) continue
    const seen = first.get(id)
    if (seen === undefined) first.set(id, entry.index)
    else problems.push({ path: [list, entry.index, "id"], problem: `duplicate ${kind} id (first at ${list}[${seen}])` })
  }
  return problems
}

/** Well-formed items by id, leaving out ids that are not unique (which of them is meant is unknown). */
const uniqueById = (entries: ReadonlyArray<Entry>): Map<string, Entry> => {
  const byId = new Map<string, Entry>()
  const repeated = new Set<string>()
  for (const entry of entries) {
    const id = text(entry.value, "id")
    if (id === undefined) continue
    if (byId.has(id)) repeated.add(id)
    byId.set(id, entry)
  }
  for (const id of repeated) byId.delete(id)
  for (const [id, entry] of byId) if (!entry.wellFormed) byId.delete(id)
  return byId
}

/**
 * What the shape alone cannot say: duplicate ids, replicas on unknown nodes
 * or of unknown deployments, nodes over capacity or over a deployment's
 * `maxReplicasPerNode`. An item whose own shape failed is left out of the
 * checks that need its fields; load counts only well-formed replicas, so an
 * over-capacity report is never a guess (demands are non-negative).
 */
const referenceProblems = (data: unknown, shape: ReadonlyArray<Located>): Array<Located> => {
  // A problem inside an item names it as `list[index]`; the key of any other problem names no item.
  const malformed = new Set(shape.map((p) => `${String(p.path[0])}[${String(p.path[1])}]`))
  const nodes = entriesOf(data, "nodes", malformed)
  const deployments = entriesOf(data, "deployments", malformed)
  const replicas = entriesOf(data, "replicas", malformed)
  const problems = [
    ...duplicates("nodes", "node", nodes),
    ...duplicates("deployments", "deployment", deployments),
    ...duplicates("replicas", "replica", replicas)
  ]
  const nodeIds = new Set(nodes.map((e) => text(e.value, "id")))
  const deploymentIds = new Set(deployments.map((e) => text(e.value, "id")))
  const nodesListed = listed(data, "nodes")
  const deploymentsListed = listed(data, "deployments")
  for (const replica of replicas) {
    const deployment = text(replica.value, "deployment")
    if (deploymentsListed && deployment !== undefined && !deploymentIds.has(deployment)) {
      problems.push({ path: ["replicas", replica.index, "deployment"], problem: `unknown deployment ${JSON.stringify(deployment)}` })
    }
    const node = text(replica.value, "node")
    if (nodesListed && node !== undefined && !nodeIds.has(node)) {
      problems.push({ path: ["replicas", replica.index, "node"], problem: `unknown node ${JSON.stringify(node)}` })
    }
  }
  const nodeById = uniqueById(nodes)
  const deploymentById = uniqueById(deployments)
  // Per well-formed node, in list order: the load its replicas put on each resource, and how many of each deployment it holds.
  const tallies = new Map([...nodeById].map(([id, entry]) => [id, {
    entry,
    load: new Map<string, number>(),
    held: new Map<Deployment, number>()
  }]))
  for (const replica of replicas) {
    if (!replica.wellFormed) continue
    const { deployment: deploymentId, node } = replica.value as Replica
    const tally = tallies.get(node)
    const deployment = deploymentById.get(deploymentId)?.value as Deployment | undefined
    if (tally === undefined || deployment === undefined) continue
    for (const [resource, amount] of Object.entries(deployment.demand)) {
      tally.load.set(resource, (tally.load.get(resource) ?? 0) + amount)
    }
    tally.held.set(deployment, (tally.held.get(deployment) ?? 0) + 1)
  }
  for (const { entry, held, load } of tallies.values()) {
    const capacity = (entry.value as Node).capacity
    for (const [resource, needed] of load) {
      const available = Object.hasOwn(capacity, resource) ? capacity[resource] ?? 0 : 0
      if (needed > available) {
        problems.push({
          path: ["nodes", entry.index, "capacity", resource],
          problem: `over capacity: its replicas need ${needed}, it has ${available}`
        })
      }
    }
    for (const [deployment, count] of held) {
      const max = deployment.maxReplicasPerNode ?? Infinity
      if (count > max) {
        problems.push({
          path: ["nodes", entry.index],
          problem: `holds ${count} replicas of deployment ${JSON.stringify(deployment.id)}, over its maxReplicasPerNode of ${max}`
        })
      }
    }
  }
  return problems
}

/**
 * Validates an unknown value (parsed JSON) as a snapshot, reporting every
 * problem in one pass: the shape (every object refuses unknown keys, with the
 * likely-meant key as a hint; every quantity a non-negative safe integer),
 * and the references (unique ids, known nodes and deployments, no node over
 * capacity or over a deployment's `maxReplicasPerNode`). An item whose shape
 * is wrong is left out of the reference checks that need it; the rest are
 * still checked. Each problem is one line `path (id): problem`. Never throws.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const result = Compaction.validate({
 *   nodes: [{ id: "n1", capacity: { CPU: 4 }, releaseable: false }],
 *   deployments: [{ id: "d", demand: { CPU: 1 } }],
 *   replicas: [{ id: "r1", deployment: "d", node: "n2" }]
 * })
 * Either.isLeft(result) && result.left.problems.map((p) => `${p.item}: ${p.problem}`)
 * // [
 * //   'nodes[0] ("n1").releaseable: unknown key (did you mean "releasable"?)',
 * //   'replicas[0] ("r1").node: unknown node "n2"'
 * // ]
 *
 * @category decoding
 * @since 0.1.0
 */
export const validate = (input: unknown): Either.Either<Snapshot, InvalidSnapshot> => {
  const decoded = decodeShape(input)
  const shape = Either.isLeft(decoded) ? locate(decoded.left) : []
  const located = [...shape, ...referenceProblems(input, shape)]
  if (Either.isRight(decoded) && located.length === 0) return Either.right(validated(decoded.right))
  return Either.left(new InvalidSnapshot({ problems: named(input, located, LABELS, "snapshot") }))
}

/**
 * Like `validate`, but throws the `InvalidSnapshot`: for snapshots written in code.
 *
 * @throws {InvalidSnapshot} naming every problem of the input.
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
 * @category decoding
 * @since 0.1.0
 */
export const validateOrThrow = (input: SnapshotInput): Snapshot => Either.getOrThrowWith(validate(input), (e) => e)
