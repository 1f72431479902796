/**
 * Ray's compaction, as a reference and a mode: Anyscale's
 * `_find_best_node_to_compact`, iterated one node per round to a fixpoint.
 * An independent port: it shares with the planner only the dense tables of a
 * snapshot (`internal/instance`) and the per-node tally of a placement
 * (`internal/tally`), never the planner's search or its writing of a plan.
 *
 * @since 0.1.0
 */
import { resolveOptions } from "./internal/options.js"
import {
  capacityOf,
  demandOf,
  deploymentOf,
  fromSnapshot,
  idOf,
  type Instance,
  limitOf,
  migrationCostOf,
  nodeCount,
  replicasByNode,
  resourceCount
} from "./internal/instance.js"
import { type Tally, tally } from "./internal/tally.js"
import type { Explanation, Plan, Release, Step } from "./Plan.js"
import type { PlanOptions, PlanOptionsInput, Snapshot } from "./Snapshot.js"

/** Ray's `Resources.__lt__` order: GPU, then CPU, then memory, then every other resource by name. */
const priority = (resources: ReadonlyArray<string>): Array<number> => {
  const rank = (name: string): number => (name === "GPU" ? 0 : name === "CPU" ? 1 : name === "memory" ? 2 : 3)
  return resources.map((name, k) => ({ name, k }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name))
    .map(({ k }) => k)
}

/** Compares two vectors in Ray's priority order: negative when a < b. */
const compare = (order: ReadonlyArray<number>, a: (k: number) => number, b: (k: number) => number): number => {
  for (const k of order) {
    const d = a(k) - b(k)
    if (d !== 0) return d
  }
  return 0
}

/** One round: the node compacted and where each of its replicas goes. */
interface Round {
  readonly node: number
  readonly assignment: ReadonlyArray<readonly [replica: number, to: number]>
}

/** Ray's feasibility check for one target: its replicas, largest first, best fit onto the other non-idle nodes. */
const tryCompact = (
  instance: Instance,
  order: ReadonlyArray<number>,
  target: number,
  onTarget: ReadonlyArray<number>,
  { perDeployment, replicasOn }: Tally,
  available: Float64Array
): Round | undefined => {
  const R = resourceCount(instance)
  const demandVector = (r: number): Array<number> => Array.from({ length: R }, (_, k) => demandOf(instance, deploymentOf(instance, r), k))
  // Largest first; a stable sort of a node's replicas (in replica order) keeps equal ones in replica order, as Python's `sorted` does.
  const replicas = onTarget.map((r) => ({ r, need: demandVector(r) }))
    .sort((a, b) => compare(order, (k) => b.need[k] ?? 0, (k) => a.need[k] ?? 0))
  if (replicas.length === 0 || replicas.some(({ r }) => instance.replicaMovable[r] !== 1)) return undefined
  const pool = Float64Array.from(available)
  const counts = perDeployment.copy()
  const assignment: Array<readonly [number, number]> = []
  for (const { r, need } of replicas) {
    const d = deploymentOf(instance, r)
    const limit = limitOf(instance, d)
    const left = (m: number) => (k: number) => (pool[m * R + k] ?? 0) - (need[k] ?? 0)
    let best = -1
    for (const [n, count] of replicasOn.entries()) {
      if (n === target || count === 0 || instance.accepts[n] !== 1) continue
      if (limit > 0 && counts.get(n, d) >= limit) continue
      const fits = need.every((x, k) => (pool[n * R + k] ?? 0) >= x)
      if (fits && (best < 0 || compare(order, left(n), left(best)) < 0)) best = n
    }
    if (best < 0) return undefined
    need.forEach((x, k) => (pool[best * R + k] = (pool[best * R + k] ?? 0) - x))
    counts.add(best, d, 1)
    assignment.push([r, best])
  }
  return { node: target, assignment }
}

/**
 * The waves of Ray's rounds: a round runs in one wave, or in more when
 * `maxSurge` or `maxConcurrentMigrations` split it, taking each deployment's
 * replicas in turn (in replica order), as many as its surge allows.
 */
const wavesOf = (instance: Instance, rounds: ReadonlyArray<Round>, maxConcurrent: number): Array<Array<number>> => {
  const waves: Array<Array<number>> = []
  for (const round of rounds) {
    // The round lists a deployment's replicas in replica order (they are the same size, and the sort that put them there is stable).
    const byDeployment = new Map<number, Array<number>>()
    for (const [r] of round.assignment) {
      const d = deploymentOf(instance, r)
      byDeployment.set(d, [...(byDeployment.get(d) ?? []), r])
    }
    const queues = [...byDeployment].sort(([a], [b]) => a - b).map(([d, queue]) => ({ surge: instance.maxSurge[d] ?? 1, queue }))
    let left = round.assignment.length
    for (let turn = 0; left > 0; turn++) {
      const wave: Array<number> = []
      const first = turn % queues.length
      for (const { queue, surge } of [...queues.slice(first), ...queues.slice(0, first)]) {
        wave.push(...queue.splice(0, Math.min(surge, maxConcurrent - wave.length)))
      }
      left -= wave.length
      waves.push(wave.sort((a, b) => a - b))
    }
  }
  return waves
}

/** Why a kept node under half used in every resource stays, in Ray's terms: it received replicas, it is a head node, or nothing fit. */
const explain = (node: string, received: boolean, releasable: boolean): Explanation =>
  received
    ? { node, reason: "destination", message: `node ${JSON.stringify(node)} receives migrated replicas` }
    : !releasable
    ? { node, reason: "not-releasable", message: `node ${JSON.stringify(node)} is not releasable` }
    : { node, reason: "no-room", message: "its replicas fit on no other kept node" }

/** Ray's rounds written out as a plan. */
const writePlan = (snapshot: Snapshot, instance: Instance, rounds: ReadonlyArray<Round>, options: PlanOptions): Plan => {
  const target = Int32Array.from(instance.replicaNode)
  const received = new Uint8Array(nodeCount(instance))
  for (const round of rounds) for (const [r, to] of round.assignment) (target[r] = to), (received[to] = 1)
  const waves = wavesOf(instance, rounds, options.maxConcurrentMigrations ?? Infinity)
  const node = (n: number): string => idOf(instance.nodeIds, n)
  const steps: Array<Step> = waves.flatMap((wave, w) =>
    wave.map((r) => ({
      replica: idOf(instance.replicaIds, r),
      deployment: idOf(instance.deploymentIds, deploymentOf(instance, r)),
      from: node(instance.replicaNode[r] ?? 0),
      to: node(target[r] ?? 0),
      wave: w + 1
    }))
  )
  const before = tally(instance, instance.replicaNode, "none").replicasOn
  const after = tally(instance, target, "none")
  const released: Array<Release> = []
  const explanations: Array<Explanation> = []
  let costBefore = 0
  let costAfter = 0
  const R = resourceCount(instance)
  instance.nodeIds.forEach((id, n) => {
    const used = (after.replicasOn[n] ?? 0) > 0
    if ((before[n] ?? 0) > 0) costBefore += instance.cost[n] ?? 0
    if (used) costAfter += instance.cost[n] ?? 0
    if ((before[n] ?? 0) > 0 && !used) {
      released.push({ node: id, afterWave: steps.reduce((last, st) => (st.from === id ? st.wave : last), 0) })
    }
    const underHalf = instance.resources.every((_, k) => {
      const cap = capacityOf(instance, n, k)
      return cap === 0 || (after.load[n * R + k] ?? 0) * 2 < cap
    })
    if (used && underHalf) explanations.push(explain(id, received[n] === 1, instance.releasable[n] === 1))
  })
  return {
    steps,
    released,
    placement: snapshot.replicas.map((r, i) => ({ replica: r.id, node: node(target[i] ?? 0) })),
    metrics: {
      nodesBefore: before.reduce((a, c) => a + (c > 0 ? 1 : 0), 0),
      nodesAfter: after.replicasOn.reduce((a, c) => a + (c > 0 ? 1 : 0), 0),
      costBefore,
      costAfter,
      migrations: steps.length,
      migrationCost: waves.reduce((sum, wave) => wave.reduce((s, r) => s + migrationCostOf(instance, deploymentOf(instance, r)), sum), 0),
      waves: waves.length,
      complete: true
    },
    explanations
  }
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
 * @category planning
 * @since 0.1.0
 */
export const rayCompaction = (snapshot: Snapshot, options?: PlanOptionsInput): Plan => {
  const resolved = resolveOptions(snapshot, options)
  const instance = fromSnapshot(snapshot)
  const order = priority(instance.resources)
  const target = Int32Array.from(instance.replicaNode)
  const received = new Uint8Array(nodeCount(instance))
  const rounds: Array<Round> = []
  const total = (n: number) => (k: number) => capacityOf(instance, n, k)
  // Ray's choice between two compactable nodes: the larger in total resources, then the one with fewer replicas (the first on a full tie).
  const beats = (a: Round, b: Round): boolean => {
    const larger = compare(order, total(a.node), total(b.node))
    return larger > 0 || (larger === 0 && a.assignment.length < b.assignment.length)
  }
  for (;;) {
    const placed = tally(instance, target)
    const available = Float64Array.from(instance.capacity, (c, i) => c - (placed.load[i] ?? 0))
    let chosen: Round | undefined
    for (const [n, onTarget] of replicasByNode(instance, target).entries()) {
      if (instance.releasable[n] !== 1 || received[n] === 1) continue
      const round = tryCompact(instance, order, n, onTarget, placed, available)
      if (round !== undefined && (chosen === undefined || beats(round, chosen))) chosen = round
    }
    if (chosen === undefined) break
    rounds.push(chosen)
    for (const [r, to] of chosen.assignment) (target[r] = to), (received[to] = 1)
  }
  return writePlan(snapshot, instance, rounds, resolved)
}
