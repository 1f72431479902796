/**
 * What a placement puts on each node: the load of every resource, the number
 * of replicas, and the replicas of each deployment. The one place these sums
 * are made; the packing, the sequencer, the search's sort keys and Ray's
 * reference read them from here.
 */
import { deploymentCount, deploymentOf, type Instance, limitOf, nodeCount, resourceCount } from "./instance.js"

/** Replicas per (node, deployment), sparse: most pairs are zero. */
export class DeploymentCounts {
  private readonly counts: Map<number, number>
  constructor(private readonly deployments: number, from?: DeploymentCounts) {
    this.counts = new Map(from?.counts)
  }
  get(n: number, d: number): number {
    return this.counts.get(n * this.deployments + d) ?? 0
  }
  add(n: number, d: number, by: number): void {
    const key = n * this.deployments + d
    this.counts.set(key, (this.counts.get(key) ?? 0) + by)
  }
  copy(): DeploymentCounts {
    return new DeploymentCounts(this.deployments, this)
  }
}

export interface Tally {
  /** load[n * R + k]. */
  readonly load: Float64Array
  /** How many replicas each node holds. */
  readonly replicasOn: Int32Array
  /** Replicas per (node, deployment), of the deployments `counted` names. */
  readonly perDeployment: DeploymentCounts
}

/** Adds replica r's demand to node n's row of `load` (`sign` -1 takes it away). */
export const addLoad = (instance: Instance, load: Float64Array, n: number, r: number, sign: number): void => {
  const R = resourceCount(instance)
  const d = deploymentOf(instance, r)
  for (let k = 0; k < R; k++) load[n * R + k] = (load[n * R + k] ?? 0) + sign * (instance.demand[d * R + k] ?? 0)
}

/**
 * Which deployments a tally counts per node: every one, only those with a
 * per-node limit (the only ones a fit check asks about), or none (the counts
 * of 50,000 deployments cost more than the loads).
 */
export type Counted = "all" | "limited" | "none"

/** The tally of a placement (the node of every replica). */
export const tally = (instance: Instance, placement: Int32Array, counted: Counted = "all"): Tally => {
  const load = new Float64Array(nodeCount(instance) * resourceCount(instance))
  const replicasOn = new Int32Array(nodeCount(instance))
  const perDeployment = new DeploymentCounts(deploymentCount(instance))
  placement.forEach((n, r) => {
    addLoad(instance, load, n, r, 1)
    replicasOn[n] = (replicasOn[n] ?? 0) + 1
    const d = deploymentOf(instance, r)
    if (counted === "all" || (counted === "limited" && limitOf(instance, d) > 0)) perDeployment.add(n, d, 1)
  })
  return { load, replicasOn, perDeployment }
}
