/**
 * Ray's `migrate_replicas_on_draining_nodes`, for one deployment, given the
 * nodes being emptied (draining ones with their deadlines, a Ray compaction's
 * node with an infinite one) and the replicas a planner wave moves. `migrate`
 * runs steps 1 and 2, `trim` step 3; the rolling update runs between them (Ray
 * runs it after the trim), so that the trim counts the old replicas the update
 * just stopped and never stops a migrating replica that the update would
 * leave short of the target:
 * 1. un-migrate: a PENDING_MIGRATION replica that is no longer being moved
 *    goes back to RUNNING (any surplus is trimmed by the downscale);
 * 2. migrate: a RUNNING replica on such a node goes to PENDING_MIGRATION (its
 *    replacement is started by the delta), a STARTING or UPDATING one stops at once;
 * 3. trim: a PENDING_MIGRATION replica whose deadline is due
 *    (`now ≥ deadline − gracefulShutdownTimeoutMs`) stops; the others stop,
 *    earliest deadline first, while RUNNING + PENDING_MIGRATION exceeds the target.
 */
import { Order } from "effect"
import * as Container from "../../container/index.js"
import type { Replica } from "../State.js"
import type { Draft } from "./draft.js"
import { deploymentOf, seqOf } from "./state.js"

/** Nodes being emptied, with the deadline of their replicas (∞ for a compaction). */
export type Migrating = ReadonlyMap<string, number>

/** The ids of the replicas on the migrating nodes, by deployment index. */
export const replicasOn = (draft: Draft, migrating: Migrating): ReadonlyMap<number, ReadonlyArray<string>> => {
  const out = new Map<number, Array<string>>()
  for (const node of migrating.keys()) {
    for (const id of draft.nodeAt(node)?.replicas ?? []) {
      const d = draft.base.deploymentIndex.get(deploymentOf(id) ?? "")
      if (d === undefined) continue
      const list = out.get(d) ?? []
      list.push(id)
      out.set(d, list)
    }
  }
  return out
}

const deadlineOf = (migrating: Migrating, replica: Replica): number =>
  (replica.node === null ? undefined : migrating.get(replica.node)) ?? Infinity

/** Earliest deadline first, ∞ included (a stable sort keeps equal ones in place). */
const byDeadline = (migrating: Migrating): Order.Order<Replica> =>
  Order.mapInput(Order.number, (replica: Replica) => deadlineOf(migrating, replica))

/** Un-migrates and migrates deployment `d` (steps 1 and 2). */
export const migrate = (
  draft: Draft,
  d: number,
  migrating: Migrating,
  onNodes: ReadonlyArray<string>,
  sources: ReadonlySet<string>
): void => {
  const moving = (replica: Replica): boolean =>
    (replica.node !== null && migrating.has(replica.node)) || sources.has(replica.id)
  for (const replica of Container.get(draft.deployment(d).replicas, { states: ["PENDING_MIGRATION"] })) {
    if (!moving(replica)) draft.transition(d, replica, "PENDING_MIGRATION", "RUNNING")
  }
  for (const id of [...onNodes].sort((a, b) => seqOf(a) - seqOf(b))) {
    const state = Container.stateOf(draft.deployment(d).replicas, id)
    const replica = draft.record(d, id)
    if (replica === undefined) continue
    if (state === "RUNNING") draft.transition(d, replica, state, "PENDING_MIGRATION")
    else if (state === "STARTING" || state === "UPDATING") draft.stop(d, replica, state, true)
  }
}

/** Stops the migrating replicas of deployment `d` that are due, then the surplus, earliest deadline first (step 3). */
export const trim = (draft: Draft, d: number, migrating: Migrating): void => {
  const dep = draft.deployment(d)
  const pending = Container.get(dep.replicas, { states: ["PENDING_MIGRATION"] })
  if (pending.length === 0) return
  let excess = Container.count(dep.replicas, { states: ["RUNNING"] }) + pending.length - dep.target
  const grace = draft.base.options.gracefulShutdownTimeoutMs
  const keep: Array<Replica> = []
  for (const replica of pending) {
    if (draft.now >= deadlineOf(migrating, replica) - grace) {
      draft.stop(d, replica, "PENDING_MIGRATION", true)
      excess--
    } else keep.push(replica)
  }
  keep.sort(byDeadline(migrating))
  for (const replica of keep) {
    if (excess <= 0) return
    draft.stop(d, replica, "PENDING_MIGRATION", true)
    excess--
  }
}
