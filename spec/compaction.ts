/**
 * The compaction core's specification: the `K*` invariants as brute-force
 * predicates over a snapshot and a plan (arrays and linear scans, sharing no
 * code with the planner or with `verify`), and an exact search for tiny
 * instances, the reference the planner is compared with.
 */
import type { Compaction } from "../src/index.js"
import type { Invariant } from "./registry.js"

type Snapshot = Compaction.Snapshot
type Plan = Compaction.Plan

/** What the K* invariants look at: a snapshot, the options, a plan, and the planner asked twice more. */
export interface PlanObservation {
  readonly snapshot: Snapshot
  readonly options: Compaction.PlanOptionsInput
  readonly plan: Plan
  /** The plan of the same snapshot and options, planned again. */
  readonly again: Plan
  /** The plan of the final placement, with the budget the plan left. */
  readonly replanned: Plan
}

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
const deploymentOf = (s: Snapshot, id: string) => lookup(s).deployments.get(id)
const nodeOf = (s: Snapshot, id: string) => lookup(s).nodes.get(id)
const replicaOf = (s: Snapshot, id: string) => lookup(s).replicas.get(id)
const wavesOf = (plan: Plan): Array<number> => [...new Set(plan.steps.map((s) => s.wave))].sort((a, b) => a - b)

/** Where each replica is before wave w (after every earlier wave). */
const placementBefore = (s: Snapshot, plan: Plan, wave: number): Map<string, string> => {
  const at = new Map(s.replicas.map((r) => [r.id, r.node]))
  for (const step of plan.steps) if (step.wave < wave) at.set(step.replica, step.to)
  return at
}

const finalPlacement = (s: Snapshot, plan: Plan): Map<string, string> => placementBefore(s, plan, Infinity)


/** The replicas each node holds during wave w: those there before it and those arriving in it. */
const heldDuring = (s: Snapshot, plan: Plan, wave: number): Map<string, Array<string>> => {
  const held = new Map<string, Array<string>>(s.nodes.map((n) => [n.id, []]))
  for (const [replica, node] of placementBefore(s, plan, wave)) held.get(node)?.push(replica)
  for (const step of plan.steps) if (step.wave === wave) held.get(step.to)?.push(step.replica)
  return held
}

const everyWaveAndNode = (o: PlanObservation, ok: (wave: number, node: string, held: Array<string>) => boolean) =>
  wavesOf(o.plan).every((w) => [...heldDuring(o.snapshot, o.plan, w)].every(([node, held]) => ok(w, node, held)))

const nonEmpty = (placement: Map<string, string>): Set<string> => new Set(placement.values())

/** The non-empty nodes before and after the plan. */
const nonEmptyBeforeAndAfter = (o: PlanObservation): readonly [Set<string>, Set<string>] => [
  nonEmpty(placementBefore(o.snapshot, o.plan, 1)),
  nonEmpty(finalPlacement(o.snapshot, o.plan))
]

const demandOf = (s: Snapshot, replica: string, resource: string): number =>
  deploymentOf(s, replicaOf(s, replica)?.deployment ?? "")?.demand[resource] ?? 0

export const compactionInvariants: ReadonlyArray<Invariant<PlanObservation>> = [
  {
    id: "K1",
    core: "compaction",
    title: "capacity holds at every instant (make-before-break)",
    statement: "In every wave, on every node and for every resource, the load before the wave plus every replica " +
      "arriving in the wave (the departing ones still count until the wave ends) is at most the capacity.",
    checkedBy: ["generated", "differential", "unit"],
    holds: (o) =>
      everyWaveAndNode(o, (_, node, held) => {
        const capacity = nodeOf(o.snapshot, node)?.capacity ?? {}
        const resources = new Set(held.flatMap((r) => Object.keys(deploymentOf(o.snapshot, replicaOf(o.snapshot, r)?.deployment ?? "")?.demand ?? {})))
        return [...resources].every((k) => held.reduce((sum, r) => sum + demandOf(o.snapshot, r, k), 0) <= (capacity[k] ?? 0))
      })
  },
  {
    id: "K2",
    core: "compaction",
    title: "zero downtime, bounded surge",
    statement: "A step starts a replica of the same deployment before it stops the old one, so no deployment ever " +
      "has fewer serving replicas than before; at most `maxSurge` steps of a deployment are in one wave, and none " +
      "of a deployment whose `maxSurge` is 0. (That a step names its replica's deployment is part of K6.)",
    checkedBy: ["generated", "differential", "unit"],
    holds: (o) =>
      wavesOf(o.plan).every((w) =>
        o.snapshot.deployments.every((d) =>
          o.plan.steps.filter((st) => st.wave === w && st.deployment === d.id).length <= d.maxSurge
        )
      )
  },
  {
    id: "K3",
    core: "compaction",
    title: "`maxReplicasPerNode` holds, in-flight replicas included",
    statement: "In every wave, no node holds more replicas of a deployment than its `maxReplicasPerNode`, " +
      "counting the replicas arriving in the wave and the ones leaving it.",
    checkedBy: ["generated", "differential", "unit"],
    holds: (o) =>
      everyWaveAndNode(o, (_, __, held) =>
        o.snapshot.deployments.every((d) =>
          d.maxReplicasPerNode === undefined ||
          held.filter((r) => replicaOf(o.snapshot, r)?.deployment === d.id).length <= d.maxReplicasPerNode
        )
      )
  },
  {
    id: "K4",
    core: "compaction",
    title: "released nodes only give, and are empty when released",
    statement: "No replica moves to a released node or to a node that does not accept incoming replicas; the " +
      "released nodes are exactly the nodes non-empty before and empty after the plan, each released after the " +
      "wave of its last departure.",
    checkedBy: ["generated", "differential", "unit"],
    holds: (o) => {
      const released = new Map(o.plan.released.map((r) => [r.node, r.afterWave]))
      const [before, after] = nonEmptyBeforeAndAfter(o)
      const emptied = [...before].filter((n) => !after.has(n)).sort()
      return o.plan.steps.every((st) => !released.has(st.to) && nodeOf(o.snapshot, st.to)?.acceptsIncoming === true) &&
        released.size === o.plan.released.length &&
        JSON.stringify([...released.keys()].sort()) === JSON.stringify(emptied) &&
        [...released].every(([node, afterWave]) =>
          afterWave === Math.max(0, ...o.plan.steps.filter((st) => st.from === node).map((st) => st.wave))
        )
    }
  },
  {
    id: "K5",
    core: "compaction",
    title: "pinned replicas and nodes stay",
    statement: "Unmovable replicas never move, and non-releasable nodes are never released.",
    checkedBy: ["generated", "differential", "unit"],
    holds: (o) =>
      o.plan.steps.every((st) => replicaOf(o.snapshot, st.replica)?.movable === true) &&
      o.plan.released.every((r) => nodeOf(o.snapshot, r.node)?.releasable === true)
  },
  {
    id: "K6",
    core: "compaction",
    title: "each replica moves at most once, from where it is",
    statement: "Every step moves a replica of the snapshot, named with its deployment, from the node it is on to " +
      "another node of the snapshot, in a wave numbered from 1; no replica appears in two steps.",
    checkedBy: ["generated", "differential", "unit"],
    holds: (o) =>
      new Set(o.plan.steps.map((st) => st.replica)).size === o.plan.steps.length &&
      o.plan.steps.every((st) =>
        replicaOf(o.snapshot, st.replica)?.node === st.from && st.from !== st.to &&
        replicaOf(o.snapshot, st.replica)?.deployment === st.deployment &&
        nodeOf(o.snapshot, st.to) !== undefined && Number.isInteger(st.wave) && st.wave >= 1
      )
  },
  {
    id: "K7",
    core: "compaction",
    title: "budgets and the concurrency limit hold",
    statement: "The summed migration cost of the steps is at most `migrationBudget`, and no wave has more than " +
      "`maxConcurrentMigrations` steps.",
    checkedBy: ["generated", "unit"],
    holds: (o) =>
      o.plan.steps.reduce((sum, st) => sum + (deploymentOf(o.snapshot, st.deployment)?.migrationCost ?? 0), 0) <=
        (o.options.migrationBudget ?? Infinity) &&
      wavesOf(o.plan).every((w) =>
        o.plan.steps.filter((st) => st.wave === w).length <= (o.options.maxConcurrentMigrations ?? Infinity)
      )
  },
  {
    id: "K8",
    core: "compaction",
    title: "conservation",
    statement: "The final placement lists every replica once, where the steps put it; so every deployment has " +
      "exactly as many replicas after the plan as before.",
    checkedBy: ["generated", "differential", "unit"],
    holds: (o) => {
      const expected = finalPlacement(o.snapshot, o.plan)
      return o.plan.placement.length === o.snapshot.replicas.length &&
        o.plan.placement.every((p) => expected.get(p.replica) === p.node) &&
        new Set(o.plan.placement.map((p) => p.replica)).size === o.plan.placement.length
    }
  },
  {
    id: "K9",
    core: "compaction",
    title: "never more nodes or cost; metrics tell the truth",
    statement: "The plan never raises the number of non-empty nodes or their cost, and a plan that moves " +
      "anything lowers one of them (no moves for nothing); its metrics (nodes before and after, migrations, " +
      "waves numbered 1..W) match a replay.",
    checkedBy: ["generated", "differential", "unit"],
    holds: (o) => {
      const [before, after] = nonEmptyBeforeAndAfter(o)
      const cost = (nodes: Set<string>) => [...nodes].reduce((sum, n) => sum + (nodeOf(o.snapshot, n)?.cost ?? 0), 0)
      const waves = wavesOf(o.plan)
      return after.size <= before.size && cost(after) <= cost(before) &&
        (o.plan.steps.length === 0 || after.size < before.size || cost(after) < cost(before)) &&
        o.plan.metrics.nodesBefore === before.size && o.plan.metrics.nodesAfter === after.size &&
        o.plan.metrics.migrations === o.plan.steps.length && o.plan.metrics.waves === waves.length &&
        waves.every((w, i) => w === i + 1)
    }
  },
  {
    id: "K10",
    core: "compaction",
    title: "deterministic",
    statement: "The same snapshot and options (seed included) give a byte-identical plan JSON.",
    checkedBy: ["generated", "differential"],
    holds: (o) => JSON.stringify(o.plan) === JSON.stringify(o.again)
  },
  {
    id: "K11",
    core: "compaction",
    title: "no flapping",
    statement: "Planning the final placement again, with the same options and the migration budget the plan " +
      "left, releases nothing.",
    checkedBy: ["generated", "differential"],
    holds: (o) => o.replanned.released.length === 0
  }
]

/** The snapshot after a plan: the same nodes and deployments, the replicas where the plan leaves them. */
export const afterPlan = (snapshot: Snapshot, plan: Plan): Snapshot => {
  const at = new Map(plan.placement.map((p) => [p.replica, p.node]))
  return { ...snapshot, replicas: snapshot.replicas.map((r) => ({ ...r, node: at.get(r.id) ?? r.node })) }
}
