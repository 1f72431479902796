/**
 * Seeded cluster generators for compaction: pure functions of their
 * parameters and a seed, returning JSON-serialisable snapshots. The
 * benchmark runs them from 10 to 10,000 nodes; the property tests run them
 * small. Where the optimum is known by construction, the generator says so.
 *
 * @since 0.1.0
 */
import type { Compaction } from "../index.js"
import { seededRandom } from "../internal/random.js"

type SnapshotInput = Compaction.SnapshotInput
type Resources = Readonly<Record<string, number>>

/**
 * A generated snapshot and what is known about it: the optimum number of
 * non-empty nodes when the construction fixes it.
 *
 * @category models
 * @since 0.1.0
 */
export interface Generated {
  readonly snapshot: SnapshotInput
  readonly optimum?: number
}

const GIB = 1024
const STANDARD_NODE: Resources = { CPU: 32_000, memory: 128 * GIB, GPU: 8 }

const pad = (prefix: string, i: number, width: number): string => `${prefix}${String(i).padStart(width, "0")}`

/** Accumulates nodes, deployments and replicas, and places replicas where they fit. */
class Cluster {
  readonly nodes: Array<{ id: string; capacity: Resources; cost: number; releasable: boolean; acceptsIncoming: boolean }> = []
  readonly deployments: Array<{ id: string; demand: Resources; maxSurge: number; maxReplicasPerNode?: number }> = []
  readonly replicas: Array<{ id: string; deployment: string; node: string; movable: boolean }> = []
  private readonly load: Array<Record<string, number>> = []
  private readonly perNode: Array<Map<string, number>> = []

  constructor(readonly random: () => number) {}

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1))
  }

  addNode(capacity: Resources, cost = 1, acceptsIncoming = true): number {
    this.nodes.push({ id: pad("n", this.nodes.length, 5), capacity, cost, releasable: true, acceptsIncoming })
    this.load.push({})
    this.perNode.push(new Map())
    return this.nodes.length - 1
  }

  addDeployment(demand: Resources, maxSurge = 1, maxReplicasPerNode?: number): number {
    this.deployments.push({
      id: pad("d", this.deployments.length, 5),
      demand,
      maxSurge,
      ...(maxReplicasPerNode === undefined ? {} : { maxReplicasPerNode })
    })
    return this.deployments.length - 1
  }

  fits(node: number, deployment: number): boolean {
    const d = this.deployments[deployment]
    const n = this.nodes[node]
    if (d === undefined || n === undefined) return false
    if (d.maxReplicasPerNode !== undefined && (this.perNode[node]?.get(d.id) ?? 0) >= d.maxReplicasPerNode) return false
    return Object.entries(d.demand).every(([k, v]) => (this.load[node]?.[k] ?? 0) + v <= (n.capacity[k] ?? 0))
  }

  place(node: number, deployment: number): void {
    const d = this.deployments[deployment]
    const load = this.load[node]
    if (d === undefined || load === undefined) return
    for (const [k, v] of Object.entries(d.demand)) load[k] = (load[k] ?? 0) + v
    this.perNode[node]?.set(d.id, (this.perNode[node]?.get(d.id) ?? 0) + 1)
    this.replicas.push({ id: pad("r", this.replicas.length, 6), deployment: d.id, node: this.nodes[node]?.id ?? "", movable: true })
  }

  /** Places a replica on a random node among `nodes` that fits (`tries` random picks, then a scan). */
  placeAnywhere(deployment: number, nodes: ReadonlyArray<number>, tries = 8): boolean {
    for (let t = 0; t < tries; t++) {
      const n = nodes[Math.floor(this.random() * nodes.length)] ?? 0
      if (this.fits(n, deployment)) return this.place(n, deployment), true
    }
    const start = Math.floor(this.random() * nodes.length)
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[(start + i) % nodes.length] ?? 0
      if (this.fits(n, deployment)) return this.place(n, deployment), true
    }
    return false
  }

  /** Power-of-k choice: of k random nodes that fit, the least loaded (spread placement, as autoscalers do). */
  placeSpread(deployment: number, k: number): boolean {
    let best = -1
    let bestLoad = Infinity
    for (let t = 0; t < k * 3 && t < this.nodes.length * 3; t++) {
      const n = Math.floor(this.random() * this.nodes.length)
      if (!this.fits(n, deployment)) continue
      const load = Object.values(this.load[n] ?? {}).reduce((a, b) => a + b, 0)
      if (load < bestLoad) (best = n), (bestLoad = load)
    }
    return best >= 0 && (this.place(best, deployment), true)
  }

  snapshot(options?: Compaction.PlanOptionsInput): SnapshotInput {
    return { nodes: this.nodes, deployments: this.deployments, replicas: this.replicas, ...(options === undefined ? {} : { options }) }
  }
}

/** Splits `total` into `parts` positive multiples of `step` (total must be a multiple of step, ≥ parts × step). */
// Terminates: there are units − 1 ≥ parts − 1 distinct cut points to draw from.
const split = (random: () => number, total: number, parts: number, step: number): Array<number> => {
  const units = total / step
  const cuts = new Set<number>()
  while (cuts.size < parts - 1) cuts.add(1 + Math.floor(random() * (units - 1)))
  const points = [0, ...[...cuts].sort((a, b) => a - b), units]
  return points.slice(1).map((p, i) => (p - (points[i] ?? 0)) * step)
}

const SHAPES: ReadonlyArray<Resources> = [
  { CPU: 1000, memory: 2 * GIB },
  { CPU: 2000, memory: 8 * GIB },
  { CPU: 4000, memory: 16 * GIB },
  { CPU: 8000, memory: 32 * GIB },
  { CPU: 2000, memory: 32 * GIB },
  { CPU: 12_000, memory: 24 * GIB },
  { GPU: 1, CPU: 4000, memory: 16 * GIB },
  { GPU: 2, CPU: 8000, memory: 32 * GIB },
  { GPU: 4, CPU: 8000, memory: 64 * GIB },
  { GPU: 8, CPU: 16_000, memory: 64 * GIB }
]

/**
 * Scale-down residue: about 2·√N deployments from a shape catalogue (CPU,
 * memory-heavy, 1/2/4/8-GPU, gang-sized) scale up with spread placement to
 * `fill` of the cluster, then each keeps 20–70 % of its replicas.
 *
 * @example
 * import { residue } from "replicore/testing"
 * residue({ nodes: 10 }, 1).snapshot.nodes.length // 10
 *
 * @category generators
 * @since 0.1.0
 */
export const residue = (params: { readonly nodes: number; readonly fill?: number }, seed: number): Generated => {
  const c = new Cluster(seededRandom(seed))
  for (let i = 0; i < params.nodes; i++) c.addNode(STANDARD_NODE)
  const count = Math.max(2, Math.round(2 * Math.sqrt(params.nodes)))
  for (let i = 0; i < count; i++) c.addDeployment(SHAPES[c.int(0, SHAPES.length - 1)] ?? {}, c.int(1, 3))
  const target = (params.fill ?? 0.9) * params.nodes * (STANDARD_NODE["CPU"] ?? 0)
  let cpu = 0
  for (let misses = 0; cpu < target && misses < 50;) {
    const d = c.int(0, count - 1)
    if (c.placeSpread(d, 4)) (cpu += c.deployments[d]?.demand["CPU"] ?? 0), (misses = 0)
    else misses++
  }
  const keep = c.deployments.map(() => 0.2 + 0.5 * c.random())
  const survivors = c.replicas.filter((r) => c.random() < (keep[Number(r.deployment.slice(1))] ?? 1))
  c.replicas.splice(0, c.replicas.length, ...survivors)
  return { snapshot: c.snapshot() }
}

/**
 * Planted optimum: `optimum` full nodes, each node's CPU split exactly into
 * `perBin` replicas (memory 60–100 % used, GPUs on 30 % of them), scattered
 * at random over `optimum / spread` nodes. The optimum is known at any size.
 *
 * @example
 * import { planted } from "replicore/testing"
 * planted({ optimum: 4 }, 1).optimum // 4
 *
 * @category generators
 * @since 0.1.0
 */
export const planted = (
  params: { readonly optimum: number; readonly perBin?: number; readonly spread?: number },
  seed: number
): Generated => {
  const c = new Cluster(seededRandom(seed))
  const perBin = params.perBin ?? 3
  const nodes = Math.round(params.optimum / (params.spread ?? 0.5))
  for (let i = 0; i < nodes; i++) c.addNode(STANDARD_NODE)
  const all = Array.from({ length: nodes }, (_, i) => i)
  for (let b = 0; b < params.optimum; b++) {
    const cpu = split(c.random, STANDARD_NODE["CPU"] ?? 0, perBin, 250)
    const memory = split(c.random, Math.floor((0.6 + 0.4 * c.random()) * (STANDARD_NODE["memory"] ?? 0) / 256) * 256, perBin, 256)
    const gpuTotal = c.int(1, 8)
    const gpus = c.random() < 0.3 ? split(c.random, gpuTotal, Math.min(perBin, gpuTotal), 1) : []
    for (let i = 0; i < perBin; i++) {
      const demand = { CPU: cpu[i] ?? 0, memory: memory[i] ?? 0, ...(gpus.length > 0 ? { GPU: gpus[i] ?? 0 } : {}) }
      // (with more replicas than GPUs, the last replicas of the node get none)
      c.placeAnywhere(c.addDeployment(demand, 1), all)
    }
  }
  return { snapshot: c.snapshot(), optimum: params.optimum }
}

/**
 * First-fit-decreasing trap (Johnson; Dósa's tight 11/9 family): 6m items of
 * 1/2+ε, 6m of 1/4+2ε, 6m of 1/4+ε and 12m of 1/4−2ε of a node, scattered
 * over 18m nodes. The optimum is 9m; FFD needs 11m.
 *
 * @example
 * import { ffdTrap } from "replicore/testing"
 * ffdTrap({ m: 1 }, 1).optimum // 9
 *
 * @category generators
 * @since 0.1.0
 */
export const ffdTrap = (params: { readonly m: number }, seed: number): Generated => {
  const c = new Cluster(seededRandom(seed))
  const m = params.m
  for (let i = 0; i < 18 * m; i++) c.addNode({ CPU: 1200 })
  const all = Array.from({ length: 18 * m }, (_, i) => i)
  const sizes: Array<[number, number]> = [[610, 6 * m], [320, 6 * m], [310, 6 * m], [280, 12 * m]]
  const kinds = sizes.map(([size]) => c.addDeployment({ CPU: size }, 2))
  sizes.forEach(([, count], i) => {
    for (let j = 0; j < count; j++) c.placeAnywhere(kinds[i] ?? 0, all)
  })
  return { snapshot: c.snapshot(), optimum: 9 * m }
}

/**
 * Anti-correlated pairs: CPU-heavy (20 CPU / 16 GiB) and memory-heavy
 * (4 CPU / 100 GiB) replicas fill a node only in pairs; at the start like
 * sits with like, one replica per node. The optimum is the number of pairs.
 *
 * @example
 * import { antiCorrelated } from "replicore/testing"
 * antiCorrelated({ pairs: 3 }, 1).optimum // 3
 *
 * @category generators
 * @since 0.1.0
 */
export const antiCorrelated = (params: { readonly pairs: number }, seed: number): Generated => {
  const c = new Cluster(seededRandom(seed))
  const cpuHeavy = c.addDeployment({ CPU: 20_000, memory: 16 * GIB }, 2)
  const memoryHeavy = c.addDeployment({ CPU: 4000, memory: 100 * GIB }, 2)
  for (let i = 0; i < 2 * params.pairs; i++) {
    const n = c.addNode({ CPU: 24_000, memory: 116 * GIB })
    c.place(n, i < params.pairs ? cpuHeavy : memoryHeavy)
  }
  return { snapshot: c.snapshot(), optimum: params.pairs }
}

/**
 * GPU stranding with node costs: 8-GPU nodes cost 30 CPU nodes; GPU replicas
 * of 1/2/4/8 GPUs, and CPU-only replicas, some squatting on GPU nodes. Plan
 * it with `objective: "cost"` (in the snapshot's options).
 *
 * @example
 * import { gpuStranding } from "replicore/testing"
 * gpuStranding({ nodes: 10 }, 1).snapshot.options?.objective // "cost"
 *
 * @category generators
 * @since 0.1.0
 */
export const gpuStranding = (params: { readonly nodes: number }, seed: number): Generated => {
  const c = new Cluster(seededRandom(seed))
  const gpuNodes: Array<number> = []
  const cpuNodes: Array<number> = []
  for (let i = 0; i < params.nodes; i++) {
    if (i % 3 === 0) gpuNodes.push(c.addNode({ GPU: 8, CPU: 64_000, memory: 512 * GIB }, 30))
    else cpuNodes.push(c.addNode({ CPU: 32_000, memory: 128 * GIB }, 1))
  }
  const gpu = [1, 2, 4, 8].map((g) => c.addDeployment({ GPU: g, CPU: 4000 * g, memory: 32 * GIB * g }, 1))
  const cpu = [1000, 4000, 8000].map((m) => c.addDeployment({ CPU: m, memory: 4 * m / 1000 * GIB }, 2))
  for (let i = 0; i < gpuNodes.length * 2; i++) c.placeAnywhere(gpu[c.int(0, 3)] ?? 0, gpuNodes)
  for (let i = 0; i < params.nodes * 2; i++) {
    c.placeAnywhere(cpu[c.int(0, 2)] ?? 0, c.random() < 0.3 ? gpuNodes : cpuNodes)
  }
  return { snapshot: c.snapshot({ objective: "cost" }) }
}

/**
 * Spread constraints: the residue scenario where most deployments allow at
 * most 1 or 2 replicas per node.
 *
 * @example
 * import { spread } from "replicore/testing"
 * spread({ nodes: 10 }, 1).snapshot.deployments.some((d) => d.maxReplicasPerNode !== undefined) // true
 *
 * @category generators
 * @since 0.1.0
 */
export const spread = (params: { readonly nodes: number }, seed: number): Generated => {
  const c = new Cluster(seededRandom(seed))
  for (let i = 0; i < params.nodes; i++) c.addNode(STANDARD_NODE)
  const count = Math.max(3, Math.round(2 * Math.sqrt(params.nodes)))
  for (let i = 0; i < count; i++) {
    c.addDeployment(SHAPES[c.int(0, 5)] ?? {}, c.int(1, 2), i === 0 ? undefined : c.int(1, 2))
  }
  for (let i = 0; i < params.nodes * 4; i++) c.placeSpread(c.int(0, count - 1), 4)
  return { snapshot: c.snapshot() }
}

/**
 * Make-room cycles: groups of three nodes. The third node is cordoned (it
 * accepts nothing) and its replica fits on a kept node only after a smaller
 * replica there moves on to the other kept node; no other node can be
 * emptied. A plan needs two waves. The optimum is two nodes per group.
 *
 * @example
 * import { makeRoom } from "replicore/testing"
 * makeRoom({ groups: 2 }, 1).optimum // 4
 *
 * @category generators
 * @since 0.1.0
 */
export const makeRoom = (params: { readonly groups: number }, seed: number): Generated => {
  const c = new Cluster(seededRandom(seed))
  const [a1, a2, b, r] = [5, 4, 6, 5].map((cpu) => c.addDeployment({ CPU: cpu * 1000 }, 2))
  for (let g = 0; g < params.groups; g++) {
    const [nodeA, nodeB, nodeR] = [true, true, false].map((accepts) => c.addNode({ CPU: 10_000 }, 1, accepts))
    c.place(nodeA ?? 0, a1 ?? 0)
    c.place(nodeA ?? 0, a2 ?? 0)
    c.place(nodeB ?? 0, b ?? 0)
    c.place(nodeR ?? 0, r ?? 0)
  }
  return { snapshot: c.snapshot(), optimum: 2 * params.groups }
}

/**
 * Pinned and unmovable: the residue scenario with 10 % of the replicas
 * unmovable, one head node (not releasable) in 50 and 5 % of the nodes
 * cordoned (no incoming replicas).
 *
 * @example
 * import { pinned } from "replicore/testing"
 * pinned({ nodes: 10 }, 1).snapshot.nodes[0]?.releasable // false
 *
 * @category generators
 * @since 0.1.0
 */
export const pinned = (params: { readonly nodes: number }, seed: number): Generated => {
  const base = residue(params, seed).snapshot
  const random = seededRandom(seed ^ 0x5eed)
  return {
    snapshot: {
      ...base,
      nodes: base.nodes.map((n, i) => ({ ...n, releasable: i % 50 !== 0, acceptsIncoming: random() >= 0.05 })),
      replicas: base.replicas.map((r) => ({ ...r, movable: random() >= 0.1 }))
    }
  }
}
