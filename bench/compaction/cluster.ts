/**
 * The benchmark's own flat view of a snapshot (arrays, no planner code), and
 * the measures every algorithm is scored on: nodes used, lower bounds, and
 * the migration lower bound.
 */
import type { Compaction } from "../../src/index.js"
import { l2 } from "../../src/testing/internal/bounds.js"

export interface Flat {
  readonly resources: ReadonlyArray<string>
  readonly nodes: ReadonlyArray<{ readonly id: string; readonly capacity: ReadonlyArray<number>; readonly cost: number; readonly releasable: boolean; readonly accepts: boolean }>
  readonly replicas: ReadonlyArray<{ readonly id: string; readonly deployment: string; readonly node: number; readonly demand: ReadonlyArray<number>; readonly movable: boolean; readonly limit: number | undefined }>
}

export const flatten = (s: Compaction.Snapshot): Flat => {
  const resources = [...new Set([...s.nodes.flatMap((n) => Object.keys(n.capacity)), ...s.deployments.flatMap((d) => Object.keys(d.demand))])].sort()
  const index = new Map(s.nodes.map((n, i) => [n.id, i]))
  const deployments = new Map(s.deployments.map((d) => [d.id, d]))
  return {
    resources,
    nodes: s.nodes.map((n) => ({ id: n.id, capacity: resources.map((k) => n.capacity[k] ?? 0), cost: n.cost, releasable: n.releasable, accepts: n.acceptsIncoming })),
    replicas: s.replicas.map((r) => {
      const d = deployments.get(r.deployment)
      return {
        id: r.id,
        deployment: r.deployment,
        node: index.get(r.node) ?? 0,
        demand: resources.map((k) => d?.demand[k] ?? 0),
        movable: r.movable && (d?.maxSurge ?? 0) > 0,
        limit: d?.maxReplicasPerNode
      }
    })
  }
}

/** Non-empty nodes of a placement (node index per replica). */
export const usedCount = (placement: ReadonlyArray<number>): number => new Set(placement).size

/** Sums of shares (fractions) that fill a node exactly may round above it: they still fit. Far below any integer step. */
const ROUNDING = 1e-9

/** How many of the smallest sizes fit in `room`. */
const smallestFitting = (sizes: ReadonlyArray<number>, room: number): number => {
  let total = 0
  let count = 0
  for (const x of [...sizes].sort((a, b) => a - b)) {
    if ((total += x) > room + ROUNDING) break
    count++
  }
  return count
}

/**
 * The most replicas one node can hold: in each resource, the smallest
 * demands while they fit on the largest node; and by the sum of a replica's
 * shares of the largest node per resource (a node's shares sum to at most
 * the number of resources), which catches anti-correlated demands.
 */
const mostPerNode = (f: Flat): number => {
  const largest = f.resources.map((_, k) => Math.max(0, ...f.nodes.map((n) => n.capacity[k] ?? 0)))
  const present = f.resources.map((_, k) => k).filter((k) => (largest[k] ?? 0) > 0)
  const shares = f.replicas.map((r) => present.reduce((sum, k) => sum + (r.demand[k] ?? 0) / (largest[k] ?? 1), 0))
  return Math.min(
    smallestFitting(shares, present.length),
    ...present.map((k) => smallestFitting(f.replicas.map((r) => r.demand[k] ?? 0), largest[k] ?? 0))
  )
}

/** The lower bounds on non-empty nodes, each on its own. */
export interface Bounds {
  /** ⌈total / largest node⌉, the best resource. */
  readonly l1: number
  /** Martello–Toth L2, the best resource where all nodes are equal in it (else L1). */
  readonly l2: number
  /** ⌈replicas / the most that fit on one node⌉ (by each resource, and by the sum of shares). */
  readonly count: number
  /** Nodes that must stay (not releasable, or holding an unmovable replica) and per-node limits. */
  readonly constraints: number
  readonly best: number
}

/**
 * The lower bounds on non-empty nodes: per resource L1 (by the largest node)
 * and, where all nodes are equal in it, L2; the count bound from how many
 * replicas fit on one node; the nodes that must stay (not releasable, or
 * holding an unmovable replica); per-node limits.
 */
export const bounds = (f: Flat): Bounds => {
  let l1 = 0
  let l2Best = 0
  f.resources.forEach((_, k) => {
    const caps = f.nodes.map((n) => n.capacity[k] ?? 0)
    const max = Math.max(0, ...caps)
    const sizes = f.replicas.map((r) => r.demand[k] ?? 0)
    const total = sizes.reduce((a, b) => a + b, 0)
    if (max > 0) l1 = Math.max(l1, Math.ceil(total / max))
    if (caps.every((c) => c === max)) l2Best = Math.max(l2Best, l2(sizes, max))
  })
  const perNode = mostPerNode(f)
  const count = f.replicas.length === 0 ? 0 : Math.ceil(f.replicas.length / Math.max(1, perNode))
  const pinned = new Set(f.replicas.filter((r) => !r.movable || !(f.nodes[r.node]?.releasable ?? true)).map((r) => r.node))
  let constraints = pinned.size
  const perDeployment = new Map<string, [number, number]>()
  for (const r of f.replicas) if (r.limit !== undefined) {
    const [n] = perDeployment.get(r.deployment) ?? [0, r.limit]
    perDeployment.set(r.deployment, [n + 1, r.limit])
  }
  for (const [n, limit] of perDeployment.values()) constraints = Math.max(constraints, Math.ceil(n / limit))
  const l2Bound = Math.max(l1, l2Best)
  return { l1, l2: l2Bound, count, constraints, best: Math.max(l2Bound, count, constraints) }
}

/** The best lower bound on non-empty nodes (see {@link bounds}). */
export const lowerBound = (f: Flat): number => bounds(f).best

/** The fewest migrations that can leave `nodesAfter` non-empty nodes: the smallest per-node movable counts, summed. */
export const migrationLowerBound = (f: Flat, nodesAfter: number): number => {
  const counts = new Map<number, number>()
  for (const r of f.replicas) counts.set(r.node, (counts.get(r.node) ?? 0) + 1)
  const sorted = [...counts.values()].sort((a, b) => a - b)
  return sorted.slice(0, Math.max(0, sorted.length - nodesAfter)).reduce((a, b) => a + b, 0)
}
