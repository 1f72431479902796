/**
 * Writes a packing out as a `Plan`: waves from the levels, the wave after
 * which each released node is empty, the final placement, metrics, and an
 * explanation for every kept node that is under half used in every resource.
 */
import type { Explanation, Plan, Release, Step } from "../Plan.js"
import type { PlanOptions, Snapshot } from "../Snapshot.js"
import { capacityOf, deploymentOf, idOf, type Instance, migrationCostOf, nodeCount, resourceCount } from "./instance.js"
import { tally } from "./tally.js"
import type { Failure } from "./packing.js"
import { schedule } from "./schedule.js"

const usedNodes = (instance: Instance, placement: Int32Array): Uint8Array => {
  const used = new Uint8Array(nodeCount(instance))
  placement.forEach((n) => (used[n] = 1))
  return used
}

const costOf = (instance: Instance, used: Uint8Array): number => {
  let cost = 0
  used.forEach((u, n) => (cost += u === 1 ? instance.cost[n] ?? 0 : 0))
  return cost
}

const underUsed = (instance: Instance, load: Float64Array, n: number): boolean => {
  const R = resourceCount(instance)
  for (let k = 0; k < R; k++) {
    const cap = capacityOf(instance, n, k)
    if (cap > 0 && (load[n * R + k] ?? 0) * 2 >= cap) return false
  }
  return true
}

/** The explanation of a node the search never tried to empty (it stopped first). */
export const notSearched = (node: string): Explanation => ({
  node,
  reason: "not-searched",
  message: `node ${JSON.stringify(node)} was not searched before the search stopped`
})

const explain = (instance: Instance, packing: Outcome, n: number, complete: boolean): Explanation => {
  const node = idOf(instance.nodeIds, n)
  if ((packing.receiving[n] ?? 0) > 0) {
    return { node, reason: "destination", message: `node ${JSON.stringify(node)} receives migrated replicas` }
  }
  const failure = packing.failures.get(n)
  const replica = failure?.replica === undefined ? undefined : instance.replicaIds[failure.replica]
  const named = replica === undefined ? {} : { replica }
  if (failure === undefined && !complete) return notSearched(node)
  switch (failure?.reason) {
    case "not-releasable":
      return { node, reason: "not-releasable", message: `node ${JSON.stringify(node)} is not releasable` }
    case "unmovable-replica":
      return {
        node,
        reason: "unmovable-replica",
        ...named,
        message: `replica ${JSON.stringify(replica)} on it is not movable (or its deployment's maxSurge is 0)`
      }
    case "migration-budget":
      return { node, reason: "migration-budget", message: "emptying it would exceed the migration budget" }
    default:
      return {
        node,
        reason: "no-room",
        ...named,
        message: replica === undefined
          ? "its replicas fit on no other kept node"
          : `replica ${JSON.stringify(replica)} fits on no other kept node, even after making room`
      }
  }
}

/** What a plan is written from: where each replica ends, the level of its move, who receives, why nodes stay. */
export interface Outcome {
  readonly target: Int32Array
  readonly level: Int32Array
  readonly receiving: Int32Array
  readonly failures: ReadonlyMap<number, Failure>
}

/** The plan of an outcome. */
export const assemble = (
  snapshot: Snapshot,
  instance: Instance,
  packing: Outcome,
  options: PlanOptions,
  complete: boolean
): Plan => {
  const waves = schedule(instance, packing.level, options.maxConcurrentMigrations ?? Infinity)
  const steps: Array<Step> = []
  const lastDeparture = new Int32Array(nodeCount(instance))
  let migrationCost = 0
  waves.forEach((wave, w) => {
    for (const r of wave.replicas) {
      const from = instance.replicaNode[r] ?? 0
      const d = deploymentOf(instance, r)
      steps.push({
        replica: idOf(instance.replicaIds, r),
        deployment: idOf(instance.deploymentIds, d),
        from: idOf(instance.nodeIds, from),
        to: idOf(instance.nodeIds, packing.target[r] ?? 0),
        wave: w + 1
      })
      lastDeparture[from] = w + 1
      migrationCost += migrationCostOf(instance, d)
    }
  })
  const before = usedNodes(instance, instance.replicaNode)
  const after = usedNodes(instance, packing.target)
  const released: Array<Release> = []
  before.forEach((u, n) => {
    if (u === 1 && after[n] === 0) released.push({ node: idOf(instance.nodeIds, n), afterWave: lastDeparture[n] ?? 0 })
  })
  const finalLoad = tally(instance, packing.target, "none").load
  const explanations: Array<Explanation> = []
  after.forEach((u, n) => {
    if (u === 1 && underUsed(instance, finalLoad, n)) explanations.push(explain(instance, packing, n, complete))
  })
  return {
    steps,
    released,
    placement: snapshot.replicas.map((r, i) => ({ replica: r.id, node: idOf(instance.nodeIds, packing.target[i] ?? 0) })),
    metrics: {
      nodesBefore: before.reduce((a, b) => a + b, 0),
      nodesAfter: after.reduce((a, b) => a + b, 0),
      costBefore: costOf(instance, before),
      costAfter: costOf(instance, after),
      migrations: steps.length,
      migrationCost,
      waves: waves.length,
      complete
    },
    explanations
  }
}
