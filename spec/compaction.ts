/**
 * The compaction core's specification: the `K*` invariants, each a statement
 * and the brute-force predicate that decides it (arrays and linear scans,
 * sharing no code with the planner or with `verify`).
 *
 * Most of them are properties of one plan over its snapshot: `verify`
 * decides each of those and reports a violation with the same id
 * (`planInvariants`). Two are properties of the planner, which only the
 * property tests can check by planning again (`plannerInvariants`).
 *
 * Zero downtime is what a step means (start the new replica, wait until it is
 * healthy, reroute, stop the old one), not something a plan states: the
 * invariants bound what a step costs while it runs (K1, K2, K3) and what the
 * steps add up to (K6, K8).
 *
 * The observations the predicates use are in `compaction/observe.ts`, the
 * harness that builds them in `compaction/harness.ts`.
 */
import type { Compaction } from "../src/index.js"
import {
  costOf,
  demandOf,
  deploymentOf,
  everyWaveAndNode,
  finalPlacement,
  nodeOf,
  nonEmptyBeforeAndAfter,
  replicaOf,
  stepCost,
  wavesOf
} from "./compaction/observe.js"
import type { Invariant } from "./registry.js"

/**
 * What a plan invariant looks at: the snapshot, the options the plan must respect, and the plan.
 *
 * @category observations
 */
export interface PlanFacts {
  readonly snapshot: Compaction.Snapshot
  readonly options: Compaction.PlanOptionsInput
  readonly plan: Compaction.Plan
}

/**
 * What a planner invariant looks at as well: the planner asked twice more.
 *
 * @category observations
 */
export interface PlanObservation extends PlanFacts {
  /** The plan of the same snapshot and options, planned again. */
  readonly again: Compaction.Plan
  /** The plan of the final placement, with the budget the plan left. */
  readonly replanned: Compaction.Plan
}

/**
 * The invariants of one plan over its snapshot; `verify` decides each of them, with the same id.
 *
 * @category invariants
 */
export const planInvariants: ReadonlyArray<Invariant<PlanFacts>> = [
  {
    id: "K1",
    core: "compaction",
    title: "capacity holds at every instant (make-before-break)",
    statement: "In every wave, on every node and for every resource, the demand of the replicas there before the " +
      "wave plus every replica arriving in the wave (the departing ones still count until the wave ends) is at most " +
      "the node's capacity (0 for a resource it does not list).",
    checkedBy: ["generated", "differential", "unit"],
    holds: ({ plan, snapshot }) =>
      everyWaveAndNode(snapshot, plan, (node, held) => {
        const capacity = nodeOf(snapshot, node)?.capacity ?? {}
        const resources = new Set(held.flatMap((r) => Object.keys(deploymentOf(snapshot, replicaOf(snapshot, r)?.deployment ?? "")?.demand ?? {})))
        return [...resources].every((k) => held.reduce((sum, r) => sum + demandOf(snapshot, r, k), 0) <= (capacity[k] ?? 0))
      })
  },
  {
    id: "K2",
    core: "compaction",
    title: "bounded surge",
    statement: "In every wave, each deployment has at most `maxSurge` steps; a deployment whose `maxSurge` is 0 has none.",
    checkedBy: ["generated", "differential", "unit"],
    holds: ({ plan, snapshot }) =>
      wavesOf(plan).every((w) =>
        snapshot.deployments.every((d) => plan.steps.filter((st) => st.wave === w && st.deployment === d.id).length <= d.maxSurge)
      )
  },
  {
    id: "K3",
    core: "compaction",
    title: "`maxReplicasPerNode` holds, in-flight replicas included",
    statement: "In every wave, no node holds more replicas of a deployment than its `maxReplicasPerNode`, " +
      "counting the replicas arriving in the wave and the ones leaving it.",
    checkedBy: ["generated", "differential", "unit"],
    holds: ({ plan, snapshot }) =>
      everyWaveAndNode(snapshot, plan, (_, held) =>
        snapshot.deployments.every((d) =>
          d.maxReplicasPerNode === undefined ||
          held.filter((r) => replicaOf(snapshot, r)?.deployment === d.id).length <= d.maxReplicasPerNode
        )
      )
  },
  {
    id: "K4",
    core: "compaction",
    title: "released nodes only give, and are exactly the emptied ones",
    statement: "No step moves a replica to a released node; the plan releases each node at most once; the released " +
      "nodes are exactly the nodes that hold a replica before the plan and none after it, each released after the " +
      "wave of its last departure.",
    checkedBy: ["generated", "differential", "unit"],
    holds: ({ plan, snapshot }) => {
      const released = new Map(plan.released.map((r) => [r.node, r.afterWave]))
      const [before, after] = nonEmptyBeforeAndAfter(snapshot, plan)
      const emptied = [...before].filter((n) => !after.has(n)).sort()
      return plan.steps.every((st) => !released.has(st.to)) &&
        released.size === plan.released.length &&
        JSON.stringify([...released.keys()].sort()) === JSON.stringify(emptied) &&
        [...released].every(([node, afterWave]) =>
          afterWave === Math.max(0, ...plan.steps.filter((st) => st.from === node).map((st) => st.wave))
        )
    }
  },
  {
    id: "K5",
    core: "compaction",
    title: "pinned replicas and nodes stay",
    statement: "No step moves a replica that is not `movable`, and the plan releases only `releasable` nodes of the snapshot.",
    checkedBy: ["generated", "differential", "unit"],
    holds: ({ plan, snapshot }) =>
      plan.steps.every((st) => replicaOf(snapshot, st.replica)?.movable === true) &&
      plan.released.every((r) => nodeOf(snapshot, r.node)?.releasable === true)
  },
  {
    id: "K6",
    core: "compaction",
    title: "each replica moves at most once, from where it is",
    statement: "Every step moves a replica of the snapshot, named with its deployment, from the node it is on to " +
      "another node of the snapshot, in a wave that is a positive safe integer; no replica appears in two steps.",
    checkedBy: ["generated", "differential", "unit"],
    holds: ({ plan, snapshot }) =>
      new Set(plan.steps.map((st) => st.replica)).size === plan.steps.length &&
      plan.steps.every((st) =>
        replicaOf(snapshot, st.replica)?.node === st.from && st.from !== st.to &&
        replicaOf(snapshot, st.replica)?.deployment === st.deployment &&
        nodeOf(snapshot, st.to) !== undefined && Number.isSafeInteger(st.wave) && st.wave >= 1
      )
  },
  {
    id: "K7",
    core: "compaction",
    title: "budgets and the concurrency limit hold",
    statement: "The summed `migrationCost` of the steps' deployments (1, the schema's default, for a step naming no " +
      "deployment of the snapshot) is at most `migrationBudget`, and no wave has more than " +
      "`maxConcurrentMigrations` steps; an option left out sets no limit.",
    checkedBy: ["generated", "unit"],
    holds: ({ options, plan, snapshot }) =>
      plan.steps.reduce((sum, st) => sum + stepCost(snapshot, st), 0) <= (options.migrationBudget ?? Infinity) &&
      wavesOf(plan).every((w) => plan.steps.filter((st) => st.wave === w).length <= (options.maxConcurrentMigrations ?? Infinity))
  },
  {
    id: "K8",
    core: "compaction",
    title: "conservation",
    statement: "The final placement lists every replica of the snapshot exactly once, on the node the steps leave " +
      "it on (so every deployment has as many replicas after the plan as before).",
    checkedBy: ["generated", "differential", "unit"],
    holds: ({ plan, snapshot }) => {
      const expected = finalPlacement(snapshot, plan)
      return plan.placement.length === snapshot.replicas.length &&
        plan.placement.every((p) => expected.get(p.replica) === p.node) &&
        new Set(plan.placement.map((p) => p.replica)).size === plan.placement.length
    }
  },
  {
    id: "K9",
    core: "compaction",
    title: "never more nodes or cost, no moves for nothing",
    statement: "After the plan, the non-empty nodes are no more, and their summed `cost` no higher, than before; " +
      "a plan with any step lowers one of the two.",
    checkedBy: ["generated", "differential", "unit"],
    holds: ({ plan, snapshot }) => {
      const [before, after] = nonEmptyBeforeAndAfter(snapshot, plan)
      const [costBefore, costAfter] = [costOf(snapshot, before), costOf(snapshot, after)]
      return after.size <= before.size && costAfter <= costBefore &&
        (plan.steps.length === 0 || after.size < before.size || costAfter < costBefore)
    }
  },
  {
    id: "K12",
    core: "compaction",
    title: "cordoned nodes receive nothing",
    statement: "Every step's destination is a node of the snapshot that `acceptsIncoming` replicas.",
    checkedBy: ["generated", "differential", "unit"],
    holds: ({ plan, snapshot }) => plan.steps.every((st) => nodeOf(snapshot, st.to)?.acceptsIncoming === true)
  },
  {
    id: "K13",
    core: "compaction",
    title: "waves and metrics match a replay",
    statement: "The waves are numbered 1..W without gaps, and the metrics `nodesBefore` and `nodesAfter` (non-empty " +
      "nodes before and after the plan), `migrations` (steps) and `waves` (W) match a replay of the steps. The " +
      "cost metrics are not compared (a plan may sum real costs in any order).",
    checkedBy: ["generated", "differential", "unit"],
    holds: ({ plan, snapshot }) => {
      const [before, after] = nonEmptyBeforeAndAfter(snapshot, plan)
      const waves = wavesOf(plan)
      return waves.every((w, i) => w === i + 1) &&
        plan.metrics.nodesBefore === before.size && plan.metrics.nodesAfter === after.size &&
        plan.metrics.migrations === plan.steps.length && plan.metrics.waves === waves.length
    }
  }
]

/**
 * The invariants of the planner: properties of how it answers, not of one
 * plan, so `verify` cannot decide them; the property tests plan again.
 *
 * @category invariants
 */
export const plannerInvariants: ReadonlyArray<Invariant<PlanObservation>> = [
  {
    id: "K10",
    core: "compaction",
    title: "deterministic",
    statement: "Planning the same snapshot with the same options (seed included) again gives a byte-identical plan " +
      "JSON. A property of the planner, checked by planning twice; `verify` does not decide it.",
    checkedBy: ["generated", "differential"],
    holds: ({ again, plan }) => JSON.stringify(plan) === JSON.stringify(again)
  },
  {
    id: "K11",
    core: "compaction",
    title: "no flapping",
    statement: "Planning the final placement again, with the same options and the migration budget the plan " +
      "left, releases nothing. A property of the planner, checked by planning again; `verify` does not decide it.",
    checkedBy: ["generated", "differential"],
    holds: ({ replanned }) => replanned.released.length === 0
  }
]

/** The number of an invariant id (`K12` → 12), for the docs' order. */
const idNumber = (id: string): number => Number(id.slice(1))

/**
 * Every `K*` invariant, in id order.
 *
 * @category invariants
 */
export const compactionInvariants: ReadonlyArray<Invariant<PlanObservation>> = [...planInvariants, ...plannerInvariants]
  .sort((a, b) => idNumber(a.id) - idNumber(b.id))

/** The harness's snapshot after a plan, where the property tests and the benchmark have always found it. */
export { afterPlan, checkPlan, generatedSnapshot, remainingOptions } from "./compaction/harness.js"
