/** A small cluster and plans over it, laid out as traces for the checks of `verify`. */
import { Compaction } from "../../../../../src/index.js"
import * as Trace from "../../../../../src/compaction/internal/verify/trace.js"

type Plan = Compaction.Plan
type Step = Compaction.Step

/**
 * a: x1 and the unmovable u1, full (2 of 2 CPU), not releasable; b: x2; c: idle, cordoned, cost 4;
 * d: y1 (maxSurge 0), cost 3; e: idle. Three non-empty nodes, cost 5.
 */
export const snapshot = Compaction.validateOrThrow({
  nodes: [
    { id: "a", capacity: { CPU: 2 }, releasable: false },
    { id: "b", capacity: { CPU: 2 } },
    { id: "c", capacity: { CPU: 2 }, acceptsIncoming: false, cost: 4 },
    { id: "d", capacity: { CPU: 2 }, cost: 3 },
    { id: "e", capacity: { CPU: 2 } }
  ],
  deployments: [
    { id: "x", demand: { CPU: 1 }, maxReplicasPerNode: 2, maxSurge: 2, migrationCost: 2 },
    { id: "y", demand: { CPU: 1 }, maxSurge: 0 }
  ],
  replicas: [
    { id: "x1", deployment: "x", node: "a" },
    { id: "u1", deployment: "x", node: "a", movable: false },
    { id: "x2", deployment: "x", node: "b" },
    { id: "y1", deployment: "y", node: "d" }
  ]
})

/** A step, named with the replica's deployment unless told otherwise. */
export const move = (replica: string, from: string, to: string, wave: number, deployment?: string): Step => ({
  replica,
  deployment: deployment ?? snapshot.replicas.find((r) => r.id === replica)?.deployment ?? "?",
  from,
  to,
  wave
})

/** A plan of these steps and releases, its placement and metrics written out as a replay would unless overridden. */
export const planOf = (
  steps: ReadonlyArray<Step>,
  released: Plan["released"] = [],
  over: { readonly placement?: Plan["placement"]; readonly metrics?: Partial<Compaction.PlanMetrics> } = {}
): Plan => {
  const at = new Map(snapshot.replicas.map((r) => [r.id, r.node]))
  for (const step of steps) at.set(step.replica, step.to)
  return {
    steps,
    released,
    placement: over.placement ?? [...at].map(([replica, node]) => ({ replica, node })),
    metrics: {
      nodesBefore: 3,
      nodesAfter: new Set(at.values()).size,
      costBefore: 5,
      costAfter: 0,
      migrations: steps.length,
      migrationCost: 0,
      waves: new Set(steps.map((st) => st.wave)).size,
      complete: true,
      ...over.metrics
    },
    explanations: []
  }
}

/** x2 leaves b for d, and b is released: every check passes. */
export const good = planOf([move("x2", "b", "d", 1)], [{ node: "b", afterWave: 1 }])

/** A plan laid over the snapshot. */
export const traceOf = (plan: Plan, options: Compaction.PlanOptionsInput = {}): Trace.Trace => Trace.make(snapshot, plan, options)
