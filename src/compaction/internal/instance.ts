/**
 * The planner's dense view of a snapshot: resources as columns, nodes,
 * deployments and replicas as indexes into typed arrays. Built once per plan.
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

/** Builds the dense view of a validated snapshot. */
export const fromSnapshot = (snapshot: Snapshot): Instance => {
  const names = new Set<string>()
  for (const node of snapshot.nodes) for (const k of Object.keys(node.capacity)) names.add(k)
  for (const d of snapshot.deployments) for (const k of Object.keys(d.demand)) names.add(k)
  // One column at least, so that every vector has a resource to index (an empty name nobody demands).
  const resources = names.size === 0 ? [""] : [...names].sort()
  const R = resources.length
  const N = snapshot.nodes.length
  const D = snapshot.deployments.length
  const capacity = new Float64Array(N * R)
  const scale = new Float64Array(R).fill(1)
  snapshot.nodes.forEach((node, n) => {
    resources.forEach((k, i) => {
      const c = node.capacity[k] ?? 0
      capacity[n * R + i] = c
      if (c > (scale[i] ?? 1)) scale[i] = c
    })
  })
  const demand = new Float64Array(D * R)
  snapshot.deployments.forEach((d, j) => resources.forEach((k, i) => (demand[j * R + i] = d.demand[k] ?? 0)))
  const nodeIndex = new Map(snapshot.nodes.map((n, i) => [n.id, i]))
  const deploymentIndex = new Map(snapshot.deployments.map((d, i) => [d.id, i]))
  const maxSurge = Int32Array.from(snapshot.deployments, (d) => d.maxSurge)
  const replicaDeployment = Int32Array.from(snapshot.replicas, (r) => deploymentIndex.get(r.deployment) ?? -1)
  return {
    resources,
    nodeIds: snapshot.nodes.map((n) => n.id),
    capacity,
    scale,
    cost: Float64Array.from(snapshot.nodes, (n) => n.cost),
    releasable: Uint8Array.from(snapshot.nodes, (n) => (n.releasable ? 1 : 0)),
    accepts: Uint8Array.from(snapshot.nodes, (n) => (n.acceptsIncoming ? 1 : 0)),
    deploymentIds: snapshot.deployments.map((d) => d.id),
    demand,
    maxPerNode: Int32Array.from(snapshot.deployments, (d) => d.maxReplicasPerNode ?? 0),
    maxSurge,
    migrationCost: Float64Array.from(snapshot.deployments, (d) => d.migrationCost),
    replicaIds: snapshot.replicas.map((r) => r.id),
    replicaDeployment,
    replicaNode: Int32Array.from(snapshot.replicas, (r) => nodeIndex.get(r.node) ?? -1),
    replicaMovable: Uint8Array.from(
      snapshot.replicas,
      (r, i) => (r.movable && (maxSurge[replicaDeployment[i] ?? 0] ?? 0) > 0 ? 1 : 0)
    )
  }
}

/** The replicas on each node, in snapshot order. */
export const replicasByNode = (instance: Instance, placement: Int32Array): Array<Array<number>> => {
  const byNode: Array<Array<number>> = instance.nodeIds.map(() => [])
  placement.forEach((n, r) => byNode[n]?.push(r))
  return byNode
}

/** The load of every node under a placement: load[n * R + k]. */
export const loadOf = (instance: Instance, placement: Int32Array): Float64Array => {
  const R = resourceCount(instance)
  const load = new Float64Array(instance.nodeIds.length * R)
  placement.forEach((n, r) => {
    const d = instance.replicaDeployment[r] ?? 0
    for (let k = 0; k < R; k++) load[n * R + k] = (load[n * R + k] ?? 0) + (instance.demand[d * R + k] ?? 0)
  })
  return load
}
