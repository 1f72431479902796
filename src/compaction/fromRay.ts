/**
 * A snapshot from a Ray cluster: the JSON of `ray list nodes --detail
 * --format json` and `ray list actors --detail --format json`.
 *
 * How the cluster is represented:
 * - Units. Ray keeps every resource quantity as a fixed-point number with
 *   four decimals (a resource of 1 is 10,000 internal units; `0.5` GPU is
 *   5,000), and rounds what it is given to that grid. The snapshot uses the
 *   same grid: every resource, under its Ray name (`CPU`, `GPU`, `memory` in
 *   bytes, custom resources), is multiplied by 10,000 and rounded to the
 *   nearest integer, exactly as Ray rounds it, so fractional requests
 *   (`num_gpus=0.25`) convert without loss and pack as Ray packs them.
 * - Nodes: `ALIVE` nodes with their `resources_total` (the per-node
 *   `node:<ip>` resources left out); `DEAD` nodes left out. The head node is
 *   not releasable. Ray's node labels are kept.
 * - Serve replicas: `ALIVE` actors whose class is `ServeReplica:<app>:<deployment>`,
 *   grouped into one deployment `<app>:<deployment>` with their
 *   `required_resources` as demand; a replica that needs a `node:<ip>`
 *   resource is pinned to its node. Serve replicas in any other state are
 *   left out.
 * - Serve's proxy actors (`ProxyActor`, `HTTPProxyActor`) run on every node
 *   that serves: their resources are taken off their node's capacity and
 *   they do not keep a node from being empty. Every other `ALIVE` actor with
 *   a node is a pinned replica of its own (it holds resources and keeps its
 *   node), named by its actor name or id.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import { InvalidDump } from "./errors.js"
import type { Imported } from "./Imported.js"
import { finish, group, type Member, Notes } from "./internal/import/assemble.js"
import { at, decodeAt, nameAll } from "./internal/import/decode.js"
import { add, type Amounts } from "./internal/import/resources.js"
import type { Located } from "./internal/problems.js"
import type { SnapshotInput } from "./Snapshot.js"

/**
 * The JSON a Ray operator has: `nodes`, the output of `ray list nodes
 * --detail --format json`, and `actors`, that of `ray list actors --detail
 * --format json` (each a list of objects). Read as unknown JSON and checked.
 *
 * @category models
 * @since 0.1.0
 */
export interface RayDump {
  readonly nodes: unknown
  readonly actors: unknown
}

/**
 * Internal units per unit of a Ray resource: Ray's own fixed-point scale
 * (`kResourceUnitScaling` in Ray's `fixed_point.h`).
 *
 * @category constants
 * @since 0.1.0
 */
export const RAY_RESOURCE_SCALE = 10_000

const Amount = Schema.Number.pipe(Schema.filter((n) => Number.isFinite(n) && n >= 0, { description: "a non-negative number" }))
const Amounts = Schema.Record({ key: Schema.String, value: Amount }).annotations({ description: "an object of non-negative numbers" })
const Strings = Schema.Record({ key: Schema.String, value: Schema.String }).annotations({ description: "an object of strings" })

const RayNode = Schema.Struct({
  node_id: Schema.String,
  state: Schema.Literal("ALIVE", "DEAD"),
  is_head_node: Schema.Boolean,
  resources_total: Amounts,
  labels: Schema.optionalWith(Strings, { nullable: true })
})

const RayActor = Schema.Struct({
  actor_id: Schema.String,
  class_name: Schema.String,
  state: Schema.String,
  name: Schema.optionalWith(Schema.String, { nullable: true }),
  node_id: Schema.optionalWith(Schema.String, { nullable: true }),
  required_resources: Schema.optionalWith(Amounts, { nullable: true, default: () => ({}) })
})

const Dump = Schema.Struct({
  nodes: Schema.Array(RayNode).annotations({ description: "a list of nodes (ray list nodes --detail --format json)" }),
  actors: Schema.Array(RayActor).annotations({ description: "a list of actors (ray list actors --detail --format json)" })
}).annotations({ description: "an object of nodes and actors" })

const SERVE_REPLICA = /^ServeReplica:(.+)$/
/** Serve's proxies: one per node that serves, gone with the node. */
const PROXIES = ["ProxyActor", "HTTPProxyActor"]
/** Ray's per-node resources (`node:10.0.0.1`, `node:__internal_head__`): they pin an actor to a node. */
const isNodeResource = (name: string): boolean => name.startsWith("node:")

/** Names a listed item in problem lines: a node by its id, an actor by its class. */
const nameOf = (list: string, item: unknown): string | undefined => {
  const name = list === "nodes" ? at(item, "node_id") : list === "actors" ? at(item, "class_name") : undefined
  return typeof name === "string" ? name : undefined
}

/** Ray amounts in the snapshot's units; a value beyond the safe integer range is a problem at its path. */
const scaled = (amounts: Readonly<Record<string, number>>, path: ReadonlyArray<PropertyKey>, problems: Array<Located>): Amounts => {
  const out: Amounts = {}
  for (const [name, amount] of Object.entries(amounts)) {
    const units = Math.round(amount * RAY_RESOURCE_SCALE)
    if (Number.isSafeInteger(units)) out[name] = units
    else problems.push({ path: [...path, name], problem: `is beyond the safe integer range once scaled by ${RAY_RESOURCE_SCALE}` })
  }
  return out
}

const without = (amounts: Amounts, drop: (name: string) => boolean): Amounts =>
  Object.fromEntries(Object.entries(amounts).filter(([name]) => !drop(name)))

/**
 * Converts a Ray dump into a validated snapshot, with a note for every node
 * or actor left out, pinned or counted on its node. A dump that does not
 * decode is refused with every problem at the path of its field
 * (`actors[3] ("ServeReplica:app:llm").required_resources.GPU`). Never throws.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const node = (id: string) => ({ node_id: id, state: "ALIVE", is_head_node: false, resources_total: { CPU: 8, GPU: 1 } })
 * const replica = (id: string, node: string) => ({
 *   actor_id: id, class_name: "ServeReplica:app:embed", state: "ALIVE", node_id: node,
 *   required_resources: { CPU: 1, GPU: 0.25 }
 * })
 * const result = Compaction.fromRay({ nodes: [node("a"), node("b")], actors: [replica("r1", "a"), replica("r2", "b")] })
 * Either.isRight(result) && result.right.snapshot.deployments[0]?.demand // { CPU: 10000, GPU: 2500 }
 * Either.isRight(result) && Compaction.plan(result.right.snapshot).released.length // 1
 *
 * @category decoding
 * @since 0.1.0
 */
export const fromRay = (dump: RayDump): Either.Either<Imported, InvalidDump> => {
  const refuse = (problems: ReadonlyArray<Located>) =>
    Either.left(new InvalidDump({ source: "fromRay", problems: nameAll(dump, problems, nameOf, "dump") }))
  const decoded = decodeAt(Dump, dump, [])
  if (Either.isLeft(decoded)) return refuse(decoded.left)
  const problems: Array<Located> = []
  const notes = new Notes()
  const seen = new Map<string, number>()
  decoded.right.nodes.forEach((n, i) => {
    const first = seen.get(n.node_id)
    if (first !== undefined) problems.push({ path: ["nodes", i, "node_id"], problem: `duplicate node id (first at nodes[${first}])` })
    else seen.set(n.node_id, i)
  })
  const alive = decoded.right.nodes.flatMap((n, i) => {
    if (n.state === "DEAD") {
      notes.add("node", n.node_id, "left out", "DEAD")
      return []
    }
    if (n.is_head_node) notes.add("node", n.node_id, "not releasable", "head node")
    return [{ id: n.node_id, capacity: without(scaled(n.resources_total, ["nodes", i, "resources_total"], problems), isNodeResource), releasable: !n.is_head_node, labels: n.labels }]
  })
  const aliveIds = new Set(alive.map((n) => n.id))
  const members: Array<Member> = []
  const held = new Map<string, Amounts>()
  decoded.right.actors.forEach((a, i) => {
    const serve = SERVE_REPLICA.exec(a.class_name)
    const id = a.name === undefined || a.name === "" ? a.actor_id : a.name
    const isProxy = PROXIES.includes(a.class_name)
    if (a.state !== "ALIVE") {
      if (serve !== null) notes.add("actor", id, "left out", `state ${a.state}, not ALIVE`)
      return
    }
    const node = a.node_id
    if (node === undefined || !aliveIds.has(node)) {
      notes.add("actor", id, "left out", node === undefined ? "no node" : `its node ${node} is not ALIVE in the dump`)
      return
    }
    const demand = scaled(a.required_resources, ["actors", i, "required_resources"], problems)
    if (isProxy) {
      notes.add("actor", id, "counted on its node", "Serve proxy: its resources are taken off the node's capacity; it leaves with the node")
      held.set(node, add(held.get(node) ?? {}, without(demand, isNodeResource)))
      return
    }
    const pinnedTo = Object.keys(demand).filter(isNodeResource)
    if (serve === null) notes.add("actor", id, "pinned", `not a Serve replica (class ${a.class_name})`)
    for (const r of pinnedTo) notes.add("actor", id, "pinned", `requires the per-node resource ${r}`)
    members.push({
      id,
      node,
      group: serve === null ? `actor:${id}` : serve[1] ?? a.class_name,
      demand: without(demand, isNodeResource),
      movable: serve !== null && pinnedTo.length === 0
    })
  })
  if (problems.length > 0) return refuse(problems)
  const nodes: Array<SnapshotInput["nodes"][number]> = alive.map((n) => {
    const capacity: Amounts = { ...n.capacity }
    for (const [r, amount] of Object.entries(held.get(n.id) ?? {})) capacity[r] = Math.max(0, (capacity[r] ?? 0) - amount)
    return { id: n.id, capacity, releasable: n.releasable, ...(n.labels === undefined ? {} : { labels: n.labels }) }
  })
  return finish("fromRay", nodes, group(members, () => undefined), undefined, notes)
}

/**
 * Like `fromRay`, but throws the `InvalidDump`: for dumps read in scripts and tests.
 *
 * @throws {InvalidDump} naming every problem of the dump.
 *
 * @example
 * import { Compaction } from "replicore"
 * const imported = Compaction.fromRayOrThrow({ nodes: [], actors: [] })
 * imported.snapshot.replicas.length // 0
 *
 * @category decoding
 * @since 0.1.0
 */
export const fromRayOrThrow = (dump: RayDump): Imported => Either.getOrThrowWith(fromRay(dump), (e) => e)
