/**
 * Snapshot arbitraries for the compaction properties, and the check every
 * generated plan goes through: `verify` accepts it and every `K*` invariant
 * of `spec/compaction.ts` holds (the two share no code).
 */
import fc from "fast-check"
import { checkPlan as checkPlanAgainstSpec } from "../../spec/compaction.js"
import type { Tally } from "../../spec/registry.js"
import { Compaction } from "../../src/index.js"

const RESOURCES = ["CPU", "memory", "GPU"] as const

/** Raw material: nodes, deployments, and replica wishes that are placed only where they fit. */
const rawSnapshot = (maxNodes: number, maxReplicas: number) =>
  fc.record({
    resources: fc.integer({ min: 1, max: 3 }),
    nodes: fc.array(
      fc.record({
        capacity: fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 4 })),
        cost: fc.integer({ min: 0, max: 5 }),
        /** 0 (one in ten): not releasable. */
        pinnedNode: fc.integer({ min: 0, max: 9 }),
        /** 0 (one in ten): accepts no incoming replicas. */
        cordoned: fc.integer({ min: 0, max: 9 })
      }),
      { minLength: 1, maxLength: maxNodes }
    ),
    deployments: fc.array(
      fc.record({
        demand: fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 2 })),
        maxReplicasPerNode: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        maxSurge: fc.integer({ min: 0, max: 3 }),
        migrationCost: fc.integer({ min: 0, max: 3 })
      }),
      { minLength: 1, maxLength: 4 }
    ),
    replicas: fc.array(
      fc.record({ deployment: fc.nat(), node: fc.nat(), unmovable: fc.integer({ min: 0, max: 9 }) }),
      { maxLength: maxReplicas }
    ),
    options: fc.record({
      migrationBudget: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
      maxConcurrentMigrations: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      objective: fc.constantFrom("nodes" as const, "cost" as const),
      seed: fc.integer({ min: 0, max: 1000 })
    }, { requiredKeys: ["objective", "seed"] })
  })

type Raw = fc.Arbitrary<ReturnType<typeof rawSnapshot> extends fc.Arbitrary<infer A> ? A : never>

const vector = (resources: number, values: ReadonlyArray<number>): Record<string, number> =>
  Object.fromEntries(RESOURCES.slice(0, resources).map((k, i) => [k, values[i] ?? 0]))

/** Builds a valid snapshot input: each replica wish lands on its node only if it fits there. */
const build = (raw: Raw extends fc.Arbitrary<infer A> ? A : never): Compaction.SnapshotInput => {
  const nodes = raw.nodes.map((n, i) => ({
    id: `n${i}`,
    capacity: vector(raw.resources, n.capacity),
    cost: n.cost,
    releasable: n.pinnedNode !== 0,
    acceptsIncoming: n.cordoned !== 0
  }))
  const deployments = raw.deployments.map((d, i) => ({
    id: `d${i}`,
    demand: vector(raw.resources, d.demand),
    maxSurge: d.maxSurge,
    migrationCost: d.migrationCost,
    ...(d.maxReplicasPerNode === undefined ? {} : { maxReplicasPerNode: d.maxReplicasPerNode })
  }))
  const load = nodes.map(() => [0, 0, 0])
  const counts = new Map<string, number>()
  const replicas: Array<Compaction.SnapshotInput["replicas"][number]> = []
  for (const wish of raw.replicas) {
    const n = wish.node % nodes.length
    const d = wish.deployment % deployments.length
    const deployment = raw.deployments[d]
    const key = `${n}/${d}`
    if (deployment === undefined) continue
    const fits = deployment.demand.every((v, k) => k >= raw.resources || (load[n]?.[k] ?? 0) + v <= (raw.nodes[n]?.capacity[k] ?? 0))
    const limit = deployment.maxReplicasPerNode
    if (!fits || (limit !== undefined && (counts.get(key) ?? 0) >= limit)) continue
    deployment.demand.forEach((v, k) => (load[n]![k] = (load[n]?.[k] ?? 0) + v))
    counts.set(key, (counts.get(key) ?? 0) + 1)
    replicas.push({ id: `r${replicas.length}`, deployment: `d${d}`, node: `n${n}`, movable: wish.unmovable !== 0 })
  }
  return { nodes, deployments, replicas, options: raw.options }
}

/** Small random snapshots: 1–8 nodes, up to 24 replica wishes, 1–3 resources, every option drawn. */
export const smallSnapshot = (maxNodes = 8, maxReplicas = 24): fc.Arbitrary<Compaction.SnapshotInput> =>
  rawSnapshot(maxNodes, maxReplicas).map(build)

/**
 * Tiny clusters with room to compact (for the exact comparison): 2–8 nodes
 * of 1–2 resources, 4–24 replica wishes of 1–5 units, few pins.
 */
export const tinyCluster: fc.Arbitrary<Compaction.SnapshotInput> = fc.record({
  resources: fc.integer({ min: 1, max: 2 }),
  nodes: fc.array(
    fc.record({
      capacity: fc.tuple(fc.integer({ min: 4, max: 10 }), fc.integer({ min: 4, max: 10 }), fc.constant(0)),
      cost: fc.constant(1),
      pinnedNode: fc.integer({ min: 0, max: 19 }),
      cordoned: fc.integer({ min: 0, max: 19 })
    }),
    { minLength: 2, maxLength: 8 }
  ),
  deployments: fc.array(
    fc.record({
      demand: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.constant(0)),
      maxReplicasPerNode: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 4 }),
      maxSurge: fc.integer({ min: 1, max: 2 }),
      migrationCost: fc.constant(1)
    }),
    { minLength: 1, maxLength: 5 }
  ),
  replicas: fc.array(fc.record({ deployment: fc.nat(), node: fc.nat(), unmovable: fc.integer({ min: 0, max: 19 }) }), {
    minLength: 4,
    maxLength: 24
  }),
  options: fc.constant({ objective: "nodes" as const, seed: 0 })
}).map(build)

/** What a batch of plans exercised, for the vacuity floors. */
export class PlanStats {
  snapshots = 0
  releasing = 0
  makeRoom = 0
  budgeted = 0
  limited = 0
  readonly byGenerator = new Map<string, number>()
}

/**
 * Plans a snapshot and checks the plan against `verify` and every K* invariant
 * (the spec's `checkPlan`), counting what the plan exercised.
 */
export const checkPlan = (input: Compaction.SnapshotInput, tally: Tally, stats: PlanStats): Compaction.Plan => {
  const { options, plan } = checkPlanAgainstSpec(input, tally)
  stats.snapshots++
  if (plan.released.length > 0) stats.releasing++
  if (plan.steps.some((s) => !plan.released.some((r) => r.node === s.from))) stats.makeRoom++
  if (options.migrationBudget !== undefined) stats.budgeted++
  if (options.maxConcurrentMigrations !== undefined) stats.limited++
  return plan
}
