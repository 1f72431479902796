/**
 * What the compaction invariants observe of a snapshot and a plan, by brute
 * force (arrays, maps and linear scans, sharing no code with the planner or
 * with `verify`): look-ups by id, the waves, where each replica is before a
 * wave, what each node holds during one, and the non-empty nodes.
 */
import type { Compaction } from "../../src/index.js"

type Snapshot = Compaction.Snapshot
type Plan = Compaction.Plan

/**
 * The cost of a step that names no deployment of the snapshot: the snapshot schema's default `migrationCost`.
 *
 * @category defaults
 */
export const DEFAULT_MIGRATION_COST = 1

/** Look-ups by id, built once per snapshot. */
const lookups = new WeakMap<Snapshot, {
  readonly deployments: Map<string, Snapshot["deployments"][number]>
  readonly nodes: Map<string, Snapshot["nodes"][number]>
  readonly replicas: Map<string, Snapshot["replicas"][number]>
}>()

const lookup = (s: Snapshot) => {
  let found = lookups.get(s)
  if (found === undefined) {
    found = {
      deployments: new Map(s.deployments.map((d) => [d.id, d])),
      nodes: new Map(s.nodes.map((n) => [n.id, n])),
      replicas: new Map(s.replicas.map((r) => [r.id, r]))
    }
    lookups.set(s, found)
  }
  return found
}

/**
 * A deployment of the snapshot by id.
 *
 * @category look-ups
 */
export const deploymentOf = (s: Snapshot, id: string) => lookup(s).deployments.get(id)

/**
 * A node of the snapshot by id.
 *
 * @category look-ups
 */
export const nodeOf = (s: Snapshot, id: string) => lookup(s).nodes.get(id)

/**
 * A replica of the snapshot by id.
 *
 * @category look-ups
 */
export const replicaOf = (s: Snapshot, id: string) => lookup(s).replicas.get(id)

/**
 * How much of a resource a replica needs (0 when it or its deployment is unknown).
 *
 * @category look-ups
 */
export const demandOf = (s: Snapshot, replica: string, resource: string): number =>
  deploymentOf(s, replicaOf(s, replica)?.deployment ?? "")?.demand[resource] ?? 0

/**
 * The plan's wave numbers, ascending, each once.
 *
 * @category observations
 */
export const wavesOf = (plan: Plan): Array<number> => [...new Set(plan.steps.map((s) => s.wave))].sort((a, b) => a - b)

/**
 * Where each replica is before wave w (after every earlier wave).
 *
 * @category observations
 */
export const placementBefore = (s: Snapshot, plan: Plan, wave: number): Map<string, string> => {
  const at = new Map(s.replicas.map((r) => [r.id, r.node]))
  for (const step of plan.steps) if (step.wave < wave) at.set(step.replica, step.to)
  return at
}

/**
 * Where each replica is after every step.
 *
 * @category observations
 */
export const finalPlacement = (s: Snapshot, plan: Plan): Map<string, string> => placementBefore(s, plan, Infinity)

/**
 * The replicas each node holds during wave w: those there before it and those arriving in it.
 *
 * @category observations
 */
export const heldDuring = (s: Snapshot, plan: Plan, wave: number): Map<string, Array<string>> => {
  const held = new Map<string, Array<string>>(s.nodes.map((n) => [n.id, []]))
  for (const [replica, node] of placementBefore(s, plan, wave)) held.get(node)?.push(replica)
  for (const step of plan.steps) if (step.wave === wave) held.get(step.to)?.push(step.replica)
  return held
}

/**
 * Whether `ok` holds for what every node holds during every wave.
 *
 * @category observations
 */
export const everyWaveAndNode = (s: Snapshot, plan: Plan, ok: (node: string, held: Array<string>) => boolean): boolean =>
  wavesOf(plan).every((w) => [...heldDuring(s, plan, w)].every(([node, held]) => ok(node, held)))

/**
 * The nodes that hold a replica in a placement.
 *
 * @category observations
 */
export const nonEmpty = (placement: Map<string, string>): Set<string> => new Set(placement.values())

/**
 * The non-empty nodes before and after the plan.
 *
 * @category observations
 */
export const nonEmptyBeforeAndAfter = (s: Snapshot, plan: Plan): readonly [Set<string>, Set<string>] => [
  nonEmpty(placementBefore(s, plan, 1)),
  nonEmpty(finalPlacement(s, plan))
]

/**
 * The summed `cost` of some nodes of the snapshot.
 *
 * @category observations
 */
export const costOf = (s: Snapshot, nodes: Set<string>): number =>
  [...nodes].reduce((sum, n) => sum + (nodeOf(s, n)?.cost ?? 0), 0)

/**
 * A step's migration cost: its deployment's `migrationCost`.
 *
 * @category observations
 */
export const stepCost = (s: Snapshot, step: Plan["steps"][number]): number =>
  deploymentOf(s, step.deployment)?.migrationCost ?? DEFAULT_MIGRATION_COST
