/**
 * What every check of `verify` reads: the snapshot's items by id, the plan's
 * steps grouped by wave, and where each replica is before and after the plan.
 * Built once per call, with its own bookkeeping (nothing of the planner's).
 */
import type { Plan, Step } from "../../Plan.js"
import type { Deployment, Node, PlanOptionsInput, Replica, Snapshot } from "../../Snapshot.js"

/**
 * A step with its index in `plan.steps`.
 *
 * @category model
 */
export interface IndexedStep {
  readonly index: number
  readonly step: Step
}

/**
 * The steps of one wave, in plan order.
 *
 * @category model
 */
export interface Wave {
  readonly number: number
  readonly steps: ReadonlyArray<IndexedStep>
}

/**
 * A plan laid over its snapshot.
 *
 * @category model
 */
export interface Trace {
  readonly snapshot: Snapshot
  readonly plan: Plan
  /** The options the plan must respect. */
  readonly options: PlanOptionsInput
  readonly nodes: ReadonlyMap<string, Node>
  readonly deployments: ReadonlyMap<string, Deployment>
  readonly replicas: ReadonlyMap<string, Replica>
  /** The plan's waves, ascending by number. */
  readonly waves: ReadonlyArray<Wave>
  /** Replica id → node, before the plan. */
  readonly start: ReadonlyMap<string, string>
  /** Replica id → node, after every step (the later step wins for a replica named twice). */
  readonly end: ReadonlyMap<string, string>
}

/**
 * Lays a plan over its snapshot.
 *
 * @category constructors
 */
export const make = (snapshot: Snapshot, plan: Plan, options: PlanOptionsInput): Trace => {
  const byWave = new Map<number, Array<IndexedStep>>()
  plan.steps.forEach((step, index) => {
    const list = byWave.get(step.wave) ?? []
    list.push({ index, step })
    byWave.set(step.wave, list)
  })
  const start = new Map(snapshot.replicas.map((r) => [r.id, r.node]))
  const end = new Map(start)
  for (const step of plan.steps) end.set(step.replica, step.to)
  return {
    snapshot,
    plan,
    options,
    nodes: new Map(snapshot.nodes.map((n) => [n.id, n])),
    deployments: new Map(snapshot.deployments.map((d) => [d.id, d])),
    replicas: new Map(snapshot.replicas.map((r) => [r.id, r])),
    waves: [...byWave].sort(([a], [b]) => a - b).map(([number, steps]) => ({ number, steps })),
    start,
    end
  }
}

/**
 * The nodes that hold at least one replica in a placement.
 *
 * @category observations
 */
export const nonEmpty = (placement: ReadonlyMap<string, string>): ReadonlySet<string> => new Set(placement.values())

/**
 * The summed `cost` of some nodes of the trace's snapshot.
 *
 * @category observations
 */
export const costOf = (trace: Trace, nodes: ReadonlySet<string>): number =>
  [...nodes].reduce((sum, node) => sum + (trace.nodes.get(node)?.cost ?? 0), 0)
