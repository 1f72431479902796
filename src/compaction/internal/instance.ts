/**
 * The planner's dense view of a snapshot: resources as columns, nodes,
 * deployments and replicas as indexes into typed arrays. Built once per plan.
 * The accessors below read it by index (a value past the end reads as 0, the
 * typed arrays' own default), so callers need no `?? 0` of their own.
 */
import type { Snapshot } from "../Snapshot.js"

export interface Instance {
  /** Resource names, sorted; column k of every vector. */
  readonly resources: ReadonlyArray<string>
  readonly nodeIds: ReadonlyArray<string>
  /** capacity[n * R + k]. */
  readonly capacity: Float64Array
  /** The largest capacity of each resource over all nodes (at least 1): the unit of normalised scores. */
  readonly scale: Float64Array
  readonly cost: Float64Array
  readonly releasable: Uint8Array
  readonly accepts: Uint8Array
  readonly deploymentIds: ReadonlyArray<string>
  /** demand[d * R + k]. */
  readonly demand: Float64Array
  /** 0 when the deployment has no per-node limit. */
  readonly maxPerNode: Int32Array
  readonly maxSurge: Int32Array
  readonly migrationCost: Float64Array
  readonly replicaIds: ReadonlyArray<string>
  readonly replicaDeployment: Int32Array
  /** The node each replica is on in the snapshot. */
  readonly replicaNode: Int32Array
  /** Movable and its deployment may surge. */
  readonly replicaMovable: Uint8Array
}

export const resourceCount = (instance: Instance): number => instance.resources.length
export const nodeCount = (instance: Instance): number => instance.nodeIds.length
export const deploymentCount = (instance: Instance): number => instance.deploymentIds.length
export const replicaCount = (instance: Instance): number => instance.replicaIds.length

/** The id at index i of one of the view's id lists (node, deployment or replica ids; every index the planner reads is in range). */
export const idOf = (ids: ReadonlyArray<string>, i: number): string => ids[i] ?? ""

/** The deployment of replica r. */
export const deploymentOf = (instance: Instance, r: number): number => instance.replicaDeployment[r] ?? 0
/** Deployment d's demand of resource k. */
export const demandOf = (instance: Instance, d: number, k: number): number => instance.demand[d * instance.resources.length + k] ?? 0
/** Node n's capacity of resource k. */
export const capacityOf = (instance: Instance, n: number, k: number): number => instance.capacity[n * instance.resources.length + k] ?? 0
/** The largest capacity of resource k: the unit of normalised sizes and scores. */
export const scaleOf = (instance: Instance, k: number): number => instance.scale[k] ?? 1
/** Deployment d's per-node limit, 0 when it has none. */
export const limitOf = (instance: Instance, d: number): number => instance.maxPerNode[d] ?? 0
/** Deployment d's migration cost. */
export const migrationCostOf = (instance: Instance, d: number): number => instance.migrationCost[d] ?? 0

/** The normalised size of deployment d's replicas: demand summed over resources, each relative to the largest node. */
export const sizeOf = (instance: Instance, d: number): number => {
  let s = 0
  for (let k = 0; k < instance.resources.length; k++) s += demandOf(instance, d, k) / scaleOf(instance, k)
  return s
}

/**
 * Records (nodes, deployments or replicas) handled between two pauses of
 * `building`: about a millisecond of work, so that a search under a time
 * budget can stop while the view is still being built (bench/compaction/budget.ts).
 */
const CHUNK = 4096

/** Calls f on every item with its index, pausing after every `CHUNK` items. */
function* chunked<A>(items: ReadonlyArray<A>, f: (item: A, i: number) => void): Generator<void, void, void> {
  for (let from = 0; from < items.length; from += CHUNK) {
    items.slice(from, from + CHUNK).forEach((item, j) => f(item, from + j))
    yield
  }
}

/**
 * Builds the dense view of a validated snapshot a chunk of records at a
 * time: each `next()` does a bounded amount of work, the last one returns the
 * view. `fromSnapshot` runs it to the end.
 */
export function* building(snapshot: Snapshot): Generator<void, Instance, void> {
  const { nodes, deployments, replicas } = snapshot
  const names = new Set<string>()
  yield* chunked(nodes, (node) => {
    for (const k in node.capacity) names.add(k)
  })
  yield* chunked(deployments, (d) => {
    for (const k in d.demand) names.add(k)
  })
  // One column at least, so that every vector has a resource to index (an empty name nobody demands).
  const resources = names.size === 0 ? [""] : [...names].sort()
  const column = new Map(resources.map((k, i) => [k, i]))
  const R = resources.length
  const N = nodes.length
  const D = deployments.length
  const P = replicas.length
  // A resource a record leaves out stays 0, the typed arrays' default.
  const capacity = new Float64Array(N * R)
  const scale = new Float64Array(R).fill(1)
  const nodeIds = new Array<string>(N)
  const cost = new Float64Array(N)
  const releasable = new Uint8Array(N)
  const accepts = new Uint8Array(N)
  const nodeIndex = new Map<string, number>()
  yield* chunked(nodes, (node, n) => {
    for (const k in node.capacity) {
      const i = column.get(k) ?? 0
      const c = node.capacity[k] ?? 0
      capacity[n * R + i] = c
      scale[i] = Math.max(scale[i] ?? 1, c)
    }
    nodeIds[n] = node.id
    cost[n] = node.cost
    releasable[n] = node.releasable ? 1 : 0
    accepts[n] = node.acceptsIncoming ? 1 : 0
    nodeIndex.set(node.id, n)
  })
  const demand = new Float64Array(D * R)
  const deploymentIds = new Array<string>(D)
  const maxPerNode = new Int32Array(D)
  const maxSurge = new Int32Array(D)
  const migrationCost = new Float64Array(D)
  const deploymentIndex = new Map<string, number>()
  yield* chunked(deployments, (d, j) => {
    for (const k in d.demand) demand[j * R + (column.get(k) ?? 0)] = d.demand[k] ?? 0
    deploymentIds[j] = d.id
    maxPerNode[j] = d.maxReplicasPerNode ?? 0
    maxSurge[j] = d.maxSurge
    migrationCost[j] = d.migrationCost
    deploymentIndex.set(d.id, j)
  })
  const replicaIds = new Array<string>(P)
  const replicaDeployment = new Int32Array(P)
  const replicaNode = new Int32Array(P)
  const replicaMovable = new Uint8Array(P)
  yield* chunked(replicas, (replica, r) => {
    const d = deploymentIndex.get(replica.deployment) ?? -1
    replicaIds[r] = replica.id
    replicaDeployment[r] = d
    replicaNode[r] = nodeIndex.get(replica.node) ?? -1
    replicaMovable[r] = replica.movable && (maxSurge[d] ?? 0) > 0 ? 1 : 0
  })
  return {
    resources,
    nodeIds,
    capacity,
    scale,
    cost,
    releasable,
    accepts,
    deploymentIds,
    demand,
    maxPerNode,
    maxSurge,
    migrationCost,
    replicaIds,
    replicaDeployment,
    replicaNode,
    replicaMovable
  }
}

/** Builds the dense view of a validated snapshot in one go. */
export const fromSnapshot = (snapshot: Snapshot): Instance => {
  const steps = building(snapshot)
  for (;;) {
    const next = steps.next()
    if (next.done === true) return next.value
  }
}

/** The replicas on each node, in snapshot order. */
export const replicasByNode = (instance: Instance, placement: Int32Array): Array<Array<number>> => {
  const byNode: Array<Array<number>> = instance.nodeIds.map(() => [])
  placement.forEach((n, r) => byNode[n]?.push(r))
  return byNode
}
