/**
 * The replica lifecycle's specification: the `L*` invariants of DESIGN §6,
 * each a statement and the predicate that decides it on one tick.
 *
 * A predicate sees one {@link LifecycleObservation}: the state before a tick,
 * the tick's `now` and events, the state and actions it answered, the world's
 * ledger before and after (the reference model of `./model.ts`), and what a
 * second tick at the same `now` with no events answered. It reads the core
 * only through the public queries of DESIGN §6.
 */
import { Container, Lifecycle } from "../../src/index.js"
import type { Invariant } from "../registry.js"
import {
  deadlineDue,
  deploymentIn,
  holding,
  type LifecycleAction,
  type LifecycleEvent,
  type LifecycleModel,
  nodeIn,
  overCapacity,
  type Phase,
  replicaIn
} from "./model.js"

/** The core's state, whatever its type is named. */
export type LifecycleState = ReturnType<typeof Lifecycle.make>

/** One tick as the invariants see it. */
export interface LifecycleObservation {
  /** `gracefulShutdownTimeoutMs` of the options the state was made with. */
  readonly graceMs: number
  readonly before: LifecycleState
  readonly now: number
  readonly events: ReadonlyArray<LifecycleEvent>
  readonly after: LifecycleState
  readonly actions: ReadonlyArray<LifecycleAction>
  /** The ledger before the tick. */
  readonly modelBefore: LifecycleModel
  /** The ledger after the tick's events, then its actions. */
  readonly modelAfter: LifecycleModel
  /** A second tick from `after` at the same `now` with no events. */
  readonly repeat: { readonly state: LifecycleState; readonly actions: ReadonlyArray<LifecycleAction> }
  /**
   * Set on the last tick of a run, after the world stopped disturbing the
   * cluster and answered every action for a while: the settled state.
   */
  readonly settled: boolean
}

// ---------------------------------------------------------------------------
// The core, through its queries.
// ---------------------------------------------------------------------------

type ReplicaState = Container.ReplicaState
const STATES: ReadonlyArray<ReplicaState> = Container.ALL_REPLICA_STATES
const SERVING: ReadonlyArray<ReplicaState> = ["RUNNING", "PENDING_MIGRATION"]
const STARTING: ReadonlyArray<ReplicaState> = ["STARTING", "UPDATING", "RECOVERING"]

/** A replica as the core lists it: id, version and state. */
export interface CoreReplica {
  readonly id: string
  readonly version: string
  readonly state: ReplicaState
}

/** The deployment's replicas, from `Lifecycle.replicas`, state by state in `ALL_REPLICA_STATES` order. */
export const coreReplicas = (s: LifecycleState, deployment: string): ReadonlyArray<CoreReplica> => {
  const c = Lifecycle.replicas(s, deployment)
  return STATES.flatMap((state) => Container.get(c, { states: [state] }).map((r) => ({ id: r.id, version: r.version, state })))
}

/** RUNNING + PENDING_MIGRATION, from `Lifecycle.countByState`. */
export const servingCount = (s: LifecycleState, deployment: string): number => {
  const counts = Lifecycle.countByState(s, deployment)
  return SERVING.reduce((n, state) => n + counts[state], 0)
}

const phaseOf = (state: ReplicaState): Phase =>
  STARTING.includes(state) ? "starting" : SERVING.includes(state) ? "serving" : "stopping"

/** The nodes a compaction is emptying: `Lifecycle.compaction(s).nodes` while it is active. */
export const compactingNodes = (s: LifecycleState): ReadonlyArray<string> => {
  const c = Lifecycle.compaction(s)
  return c.phase === "active" ? c.nodes : []
}

// ---------------------------------------------------------------------------
// What the tick did.
// ---------------------------------------------------------------------------

const starts = (o: LifecycleObservation) =>
  o.actions.flatMap((a) => (a.type === "startReplica" ? [a] : []))
const stops = (o: LifecycleObservation) =>
  o.actions.flatMap((a) => (a.type === "stopReplica" ? [a.replica] : []))
const releases = (o: LifecycleObservation) =>
  o.actions.flatMap((a) => (a.type === "releaseNode" ? [a.node] : []))
const namedBy = (o: LifecycleObservation, type: "replicaUnhealthy" | "replicaFailed"): ReadonlyArray<string> =>
  o.events.flatMap((e) => (e.type === type ? [e.replica] : []))

/**
 * Why a serving replica may leave service in a tick without a migration or a
 * compaction being the cause: it was reported unhealthy in the tick, its
 * version is not its deployment's target version (a rolling update), or its
 * node is draining and the deadline is due.
 */
const excused = (o: LifecycleObservation, deployment: string, r: CoreReplica): boolean =>
  namedBy(o, "replicaUnhealthy").includes(r.id) ||
  r.version !== deploymentIn(o.modelAfter, deployment)?.version ||
  deadlineDue(o.modelAfter, replicaIn(o.modelBefore, r.id)?.node ?? null, o.graceMs)

const targetOf = (o: LifecycleObservation, deployment: string): number =>
  deploymentIn(o.modelAfter, deployment)?.target ?? 0

/** Every query of DESIGN §6 on one state, as one comparable value. */
const observable = (s: LifecycleState, deployments: ReadonlyArray<string>): string =>
  JSON.stringify({
    deployments: deployments.map((d) => ({
      counts: Lifecycle.countByState(s, d),
      replicas: coreReplicas(s, d),
      status: Lifecycle.status(s, d)
    })),
    compaction: Lifecycle.compaction(s)
  })

/** Every deployment has exactly `target` replicas, all RUNNING at the target version, and is HEALTHY. */
export const quiet = (s: LifecycleState, m: LifecycleModel): boolean =>
  m.deployments.every((d) => {
    const replicas = coreReplicas(s, d.id)
    return replicas.length === d.target && replicas.every((r) => r.state === "RUNNING" && r.version === d.version) &&
      Lifecycle.status(s, d.id) === "HEALTHY"
  })

// ---------------------------------------------------------------------------
// The invariants.
// ---------------------------------------------------------------------------

/** The `L*` invariants of the replica lifecycle. */
export const lifecycleInvariants: ReadonlyArray<Invariant<LifecycleObservation>> = [
  {
    id: "L1",
    core: "lifecycle",
    title: "migrations and compactions never cost serving replicas",
    statement: "After every tick, each deployment's serving replicas (RUNNING + PENDING_MIGRATION, by " +
      "`countByState`), plus the ones that left service in the tick for a reason other than a migration or a " +
      "compaction (reported unhealthy in the tick, a version other than the target version, or on a draining " +
      "node whose deadline is due: `now ≥ deadline − gracefulShutdownTimeoutMs`), number at least " +
      "`min(target, serving before the tick)`, with the target the tick's events set.",
    checkedBy: ["model", "exhaustive"],
    holds: (o) =>
      o.modelAfter.deployments.every(({ id }) => {
        const servingAfter = new Set(coreReplicas(o.after, id).filter((r) => SERVING.includes(r.state)).map((r) => r.id))
        const left = coreReplicas(o.before, id).filter((r) =>
          SERVING.includes(r.state) && !servingAfter.has(r.id) && excused(o, id, r)
        )
        return servingCount(o.after, id) + left.length >= Math.min(targetOf(o, id), servingCount(o.before, id))
      })
  },
  {
    id: "L2",
    core: "lifecycle",
    title: "a migrating replica stops only after its replacement runs, or at its deadline",
    statement: "A replica that gets a `stopReplica` in a tick and was PENDING_MIGRATION before it, or RUNNING " +
      "before it on a node that is draining or that a compaction is emptying (before or after the tick), was " +
      "reported unhealthy in the tick, or has a version other than the target version, or sits on a draining " +
      "node whose deadline is due, or its deployment still has at least `target` serving replicas after the " +
      "tick (its replacement is RUNNING).",
    checkedBy: ["model", "exhaustive"],
    holds: (o) => {
      const emptying = new Set([...compactingNodes(o.before), ...compactingNodes(o.after)])
      const stopped = new Set(stops(o))
      return o.modelAfter.deployments.every(({ id }) =>
        coreReplicas(o.before, id).every((r) => {
          if (!stopped.has(r.id)) return true
          const node = replicaIn(o.modelBefore, r.id)?.node ?? null
          const migrating = r.state === "PENDING_MIGRATION" ||
            (r.state === "RUNNING" && node !== null && (o.modelAfter.draining[node] !== undefined || emptying.has(node)))
          return !migrating || excused(o, id, r) || servingCount(o.after, id) >= targetOf(o, id)
        })
      )
    }
  },
  {
    id: "L3",
    core: "lifecycle",
    title: "every replica in exactly one state, every started replica accounted for",
    statement: "After every tick: no replica id is listed twice across all deployments' containers, each in the " +
      "one state `stateOf` names, and `countByState` agrees with the lists; each deployment holds exactly the " +
      "replicas a `startReplica` of it named and no `replicaStopped` ended, at the version it was started with, " +
      "STARTING/UPDATING/RECOVERING until its `replicaStarted`, RUNNING or PENDING_MIGRATION after it, STOPPING " +
      "from its `stopReplica` on; a `startReplica` names a fresh id (never started before) of a known deployment " +
      "at its target version, and a `stopReplica` a replica that was not already STOPPING; a replica reported failed or unhealthy is " +
      "STOPPING after the tick. On the settled last tick of a run (the world answered every action and stopped " +
      "disturbing the cluster), every deployment is HEALTHY with exactly `target` replicas, all RUNNING at the " +
      "target version.",
    checkedBy: ["model", "exhaustive"],
    holds: (o) => {
      const seen = new Set<string>()
      const everyDeployment = o.modelAfter.deployments.every((d) => {
        const listed = coreReplicas(o.after, d.id)
        const container = Lifecycle.replicas(o.after, d.id)
        const counts = Lifecycle.countByState(o.after, d.id)
        const expected = o.modelAfter.replicas.filter((r) => r.deployment === d.id)
        return STATES.every((s) => counts[s] === listed.filter((r) => r.state === s).length) &&
          listed.length === expected.length &&
          listed.every((r) => {
            if (seen.has(r.id)) return false
            seen.add(r.id)
            const m = replicaIn(o.modelAfter, r.id)
            return Container.stateOf(container, r.id) === r.state && m !== undefined && m.deployment === d.id &&
              m.version === r.version && m.phase === phaseOf(r.state)
          })
      })
      const before = new Set(o.modelBefore.started)
      const fresh = starts(o).every((a, i, all) =>
        !before.has(a.replica) && all.findIndex((b) => b.replica === a.replica) === i &&
        a.version === deploymentIn(o.modelAfter, a.deployment)?.version
      )
      const stoppedOnce = stops(o).every((id, i, all) =>
        all.indexOf(id) === i && replicaIn(o.modelBefore, id)?.phase !== "stopping"
      )
      const endedBadly = [...namedBy(o, "replicaFailed"), ...namedBy(o, "replicaUnhealthy")].every((id) =>
        replicaIn(o.modelAfter, id)?.phase === "stopping"
      )
      return everyDeployment && fresh && stoppedOnce && endedBadly && (!o.settled || quiet(o.after, o.modelAfter))
    }
  },
  {
    id: "L4",
    core: "lifecycle",
    title: "placements fit and avoid draining, emptied and released nodes",
    statement: "After every tick, no node holds more of any resource than its capacity, counting every replica " +
      "from the `startReplica` that placed it (or the `replicaStarted` that named its node) until its " +
      "`replicaStopped`, STOPPING ones included; and every `startReplica` names `null` or a node that is present, " +
      "not draining, not among the nodes the compaction is emptying after the tick, and never named by a `releaseNode`.",
    checkedBy: ["model", "exhaustive"],
    holds: (o) => {
      const emptying = compactingNodes(o.after)
      const released = new Set([...o.modelBefore.released, ...releases(o)])
      return o.modelAfter.nodes.every((n) => !overCapacity(o.modelAfter, n)) &&
        starts(o).every(({ node }) =>
          node === null ||
          (nodeIn(o.modelAfter, node) !== undefined && o.modelAfter.draining[node] === undefined &&
            !emptying.includes(node) && !released.has(node))
        )
    }
  },
  {
    id: "L5",
    core: "lifecycle",
    title: "`releaseNode` gives back only an empty, releasable node, once",
    statement: "Every `releaseNode` names a node that is present, releasable (`releasable` not `false`), never " +
      "named by an earlier `releaseNode` nor twice in the tick, and holds no replica after the tick (none " +
      "STARTING, running or STOPPING, none placed in the tick).",
    checkedBy: ["model", "exhaustive"],
    holds: (o) =>
      releases(o).every((id, i, all) => {
        const node = nodeIn(o.modelAfter, id)
        return node !== undefined && node.releasable !== false && all.indexOf(id) === i &&
          !o.modelBefore.released.includes(id) && holding(o.modelAfter, id).length === 0
      })
  },
  {
    id: "L6",
    core: "lifecycle",
    title: "a tick settles: nothing more happens without events or time",
    statement: "A second tick from the answered state at the same `now` with no events emits no action and " +
      "changes nothing any query shows: `countByState`, `replicas` (ids, versions and states, in order) and " +
      "`status` of every deployment, and `compaction`.",
    checkedBy: ["model", "exhaustive"],
    holds: (o) => {
      const ids = o.modelAfter.deployments.map((d) => d.id)
      return o.repeat.actions.length === 0 && observable(o.repeat.state, ids) === observable(o.after, ids)
    }
  }
]
