/**
 * The planner's dense view of a snapshot: resources as columns, nodes,
 * deployments and replicas as indexes into typed arrays. Built once per plan.
 * The accessors below read it by index (a value past the end reads as 0, the
 * typed arrays' own default), so callers need no `?? 0` of their own.
 */
import type { Snapshot } from "../Snapshot.js"
import { float64Of, int32Of, uint8Of } from "./arrays.js"

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

/** Builds the dense view of a validated snapshot. */
export const fromSnapshot = (snapshot: Snapshot): Instance => {
  const names = new Set<string>()
  for (const node of snapshot.nodes) for (const k in node.capacity) names.add(k)
  for (const d of snapshot.deployments) for (const k in d.demand) names.add(k)
  // One column at least, so that every vector has a resource to index (an empty name nobody demands).
  const resources = names.size === 0 ? [""] : [...names].sort()
  const column = new Map(resources.map((k, i) => [k, i]))
  const R = resources.length
  const N = snapshot.nodes.length
  const D = snapshot.deployments.length
  // A resource a record leaves out stays 0, the typed arrays' default.
  const capacity = new Float64Array(N * R)
  const scale = new Float64Array(R).fill(1)
  snapshot.nodes.forEach((node, n) => {
    for (const k in node.capacity) {
      const i = column.get(k) ?? 0
      const c = node.capacity[k] ?? 0
      capacity[n * R + i] = c
      if (c > (scale[i] ?? 1)) scale[i] = c
    }
  })
  const demand = new Float64Array(D * R)
  snapshot.deployments.forEach((d, j) => {
    for (const k in d.demand) demand[j * R + (column.get(k) ?? 0)] = d.demand[k] ?? 0
  })
  const nodeIndex = new Map(snapshot.nodes.map((n, i) => [n.id, i]))
  const deploymentIndex = new Map(snapshot.deployments.map((d, i) => [d.id, i]))
  const { nodes, deployments, replicas } = snapshot
  const maxSurge = int32Of(D, (d) => deployments[d]?.maxSurge ?? 0)
  const replicaDeployment = int32Of(replicas.length, (r) => deploymentIndex.get(replicas[r]?.deployment ?? "") ?? -1)
  return {
    resources,
    nodeIds: snapshot.nodes.map((n) => n.id),
    capacity,
    scale,
    cost: float64Of(N, (n) => nodes[n]?.cost ?? 0),
    releasable: uint8Of(N, (n) => (nodes[n]?.releasable === true ? 1 : 0)),
    accepts: uint8Of(N, (n) => (nodes[n]?.acceptsIncoming === true ? 1 : 0)),
    deploymentIds: snapshot.deployments.map((d) => d.id),
    demand,
    maxPerNode: int32Of(D, (d) => deployments[d]?.maxReplicasPerNode ?? 0),
    maxSurge,
    migrationCost: float64Of(D, (d) => deployments[d]?.migrationCost ?? 0),
    replicaIds: snapshot.replicas.map((r) => r.id),
    replicaDeployment,
    replicaNode: int32Of(replicas.length, (r) => nodeIndex.get(replicas[r]?.node ?? "") ?? -1),
    replicaMovable: uint8Of(
      replicas.length,
      (r) => (replicas[r]?.movable === true && (maxSurge[replicaDeployment[r] ?? 0] ?? 0) > 0 ? 1 : 0)
    )
  }
}

/** The replicas on each node, in snapshot order. */
export const replicasByNode = (instance: Instance, placement: Int32Array): Array<Array<number>> => {
  const byNode: Array<Array<number>> = instance.nodeIds.map(() => [])
  placement.forEach((n, r) => byNode[n]?.push(r))
  return byNode
}
