/**
 * Ray's compaction, as a reference and a mode: Anyscale's
 * `_find_best_node_to_compact`, iterated one node per round to a fixpoint.
 *
 * @since 0.1.0
 */
import { assemble } from "./internal/assemble.js"
import { fromSnapshot, type Instance, loadOf, replicasByNode } from "./internal/instance.js"
import type { Failure } from "./internal/packing.js"
import type { Plan } from "./Plan.js"
import { resolveOptions } from "./internal/options.js"
import type { PlanOptionsInput, Snapshot } from "./Snapshot.js"

/** Ray's `Resources.__lt__` order: GPU, then CPU, then memory, then every other resource by name. */
const priority = (resources: ReadonlyArray<string>): Array<number> => {
  const rank = (name: string): number => (name === "GPU" ? 0 : name === "CPU" ? 1 : name === "memory" ? 2 : 3)
  return resources.map((_, k) => k).sort((a, b) => {
    const ra = rank(resources[a] ?? "")
    const rb = rank(resources[b] ?? "")
    return ra - rb || (resources[a] ?? "").localeCompare(resources[b] ?? "")
  })
}

/** Compares two vectors in Ray's priority order: negative when a < b. */
const compare = (order: ReadonlyArray<number>, a: (k: number) => number, b: (k: number) => number): number => {
  for (const k of order) {
    const d = a(k) - b(k)
    if (d !== 0) return d
  }
  return 0
}

interface Round {
  readonly node: number
  readonly assignment: ReadonlyArray<readonly [replica: number, to: number]>
}

/** Ray's feasibility check for one target: its replicas, largest first, best fit onto the other non-idle nodes. */
const tryCompact = (
  instance: Instance,
  order: ReadonlyArray<number>,
  target: number,
  onNode: ReadonlyArray<ReadonlyArray<number>>,
  available: Float64Array,
  perNode: Map<number, number>,
  movable: Uint8Array
): Round | undefined => {
  const R = instance.resources.length
  const D = instance.deploymentIds.length
  const demandOf = (r: number): Array<number> => {
    const d = instance.replicaDeployment[r] ?? 0
    return Array.from({ length: R }, (_, k) => instance.demand[d * R + k] ?? 0)
  }
  const replicas = [...(onNode[target] ?? [])].map((r) => ({ r, need: demandOf(r) }))
    .sort((a, b) => compare(order, (k) => b.need[k] ?? 0, (k) => a.need[k] ?? 0) || a.r - b.r)
  if (replicas.length === 0 || replicas.some(({ r }) => movable[r] !== 1)) return undefined
  const pool = Float64Array.from(available)
  const counts = new Map(perNode)
  const assignment: Array<readonly [number, number]> = []
  for (const { r, need } of replicas) {
    const d = instance.replicaDeployment[r] ?? 0
    const limit = instance.maxPerNode[d] ?? 0
    const left = (m: number) => (k: number) => (pool[m * R + k] ?? 0) - (need[k] ?? 0)
    let best = -1
    for (let n = 0; n < instance.nodeIds.length; n++) {
      if (n === target || (onNode[n]?.length ?? 0) === 0 || instance.accepts[n] !== 1) continue
      if (limit > 0 && (counts.get(n * D + d) ?? 0) >= limit) continue
      let fits = true
      for (let k = 0; k < R && fits; k++) fits = (pool[n * R + k] ?? 0) >= (need[k] ?? 0)
      if (fits && (best < 0 || compare(order, left(n), left(best)) < 0)) best = n
    }
    if (best < 0) return undefined
    for (let k = 0; k < R; k++) pool[best * R + k] = (pool[best * R + k] ?? 0) - (need[k] ?? 0)
    counts.set(best * D + d, (counts.get(best * D + d) ?? 0) + 1)
    assignment.push([r, best])
  }
  return { node: target, assignment }
}

/**
 * Ray's compaction iterated to a fixpoint: each round takes the node whose
 * running replicas all fit, best-fit decreasing in Ray's resource order
 * (GPU > CPU > memory > other), onto the other non-idle nodes; among those,
 * the one with the most total resources, then the fewest replicas; and moves
 * its replicas there, one node per round (so one round per wave, or more
 * when `maxSurge` or `maxConcurrentMigrations` split it). Non-releasable
 * (head) nodes are never compacted, idle nodes never receive, nodes that do
 * not accept incoming replicas never receive, and a node holding an
 * unmovable replica is not a candidate. One difference from Ray, so that
 * each replica moves at most once: a node that received replicas in an
 * earlier round is not compacted later. O(N²) per round, as in Ray.
 *
 * @example
 * import { Compaction } from "replicore"
 * const snapshot = Compaction.validateOrThrow({
 *   nodes: [{ id: "n1", capacity: { CPU: 9 } }, { id: "n2", capacity: { CPU: 4 } }, { id: "n3", capacity: { CPU: 5 } }],
 *   deployments: [{ id: "A", demand: { CPU: 1 } }, { id: "B", demand: { CPU: 2 } }, { id: "C", demand: { CPU: 3 } }],
 *   replicas: [
 *     { id: "a1", deployment: "A", node: "n2" }, { id: "a2", deployment: "A", node: "n2" },
 *     { id: "b1", deployment: "B", node: "n3" },
 *     { id: "c1", deployment: "C", node: "n1" }, { id: "c2", deployment: "C", node: "n1" }
 *   ]
 * })
 * Compaction.rayCompaction(snapshot).released // [{ node: "n3", afterWave: 1 }]
 *
 * @since 0.1.0
 */
export const rayCompaction = (snapshot: Snapshot, options?: PlanOptionsInput): Plan => {
  const resolved = resolveOptions(snapshot, options)
  const instance = fromSnapshot(snapshot)
  const R = instance.resources.length
  const D = instance.deploymentIds.length
  const order = priority(instance.resources)
  const target = Int32Array.from(instance.replicaNode)
  const level = new Int32Array(target.length)
  const receiving = new Int32Array(instance.nodeIds.length)
  const failures = new Map<number, Failure>()
  const total = (n: number) => (k: number) => instance.capacity[n * R + k] ?? 0
  for (let round = 1; ; round++) {
    const onNode = replicasByNode(instance, target)
    const load = loadOf(instance, target)
    const available = Float64Array.from(instance.capacity, (c, i) => c - (load[i] ?? 0))
    const perNode = new Map<number, number>()
    target.forEach((n, r) => {
      const key = n * D + (instance.replicaDeployment[r] ?? 0)
      perNode.set(key, (perNode.get(key) ?? 0) + 1)
    })
    let chosen: Round | undefined
    for (let n = 0; n < instance.nodeIds.length; n++) {
      if (instance.releasable[n] !== 1 || (receiving[n] ?? 0) > 0) continue
      const round = tryCompact(instance, order, n, onNode, available, perNode, instance.replicaMovable)
      if (round === undefined) continue
      const larger = chosen === undefined ? 1 : compare(order, total(n), total(chosen.node))
      if (larger > 0 || (larger === 0 && chosen !== undefined && round.assignment.length < chosen.assignment.length)) {
        chosen = round
      }
    }
    if (chosen === undefined) break
    for (const [r, to] of chosen.assignment) {
      target[r] = to
      level[r] = round
      receiving[to] = (receiving[to] ?? 0) + 1
    }
  }
  for (let n = 0; n < instance.nodeIds.length; n++) if (instance.releasable[n] !== 1) failures.set(n, { reason: "not-releasable" })
  return assemble(snapshot, instance, { target, level, receiving, failures }, resolved, true)
}
