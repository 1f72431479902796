/**
 * What the lifecycle checks count about a run, so that their floors can show
 * the run was not vacuous: ticks with migrations, drains, compactions started,
 * completed and cancelled, rollouts, releases, placements that found no node.
 */
import { Lifecycle } from "../../src/index.js"
import type { LifecycleObservation } from "../../spec/lifecycle/index.js"
import { Tally } from "../../spec/registry.js"

/** The things a tick can show, counted once per tick that shows them. */
export const TICK_FEATURES = [
  "migrating",
  "drainStarted",
  "deadlineDue",
  "compactionStarted",
  "compactionCompleted",
  "compactionCancelled",
  "rollout",
  "targetChanged",
  "replicaStopped",
  "replicaFailed",
  "replicaUnhealthy",
  "nodeReleased",
  "nodeAdded",
  "nodeRemoved",
  "unplaced",
  "settled"
] as const

export type TickFeature = (typeof TICK_FEATURES)[number]

/** The features one tick shows. */
export const featuresOf = (o: LifecycleObservation): ReadonlyArray<TickFeature> => {
  const found = new Set<TickFeature>()
  const before = Lifecycle.compaction(o.before).phase
  const after = Lifecycle.compaction(o.after).phase
  if (o.modelAfter.deployments.some((d) => Lifecycle.countByState(o.after, d.id).PENDING_MIGRATION > 0)) {
    found.add("migrating")
  }
  if (Object.keys(o.modelAfter.draining).some((n) => o.modelBefore.draining[n] === undefined)) found.add("drainStarted")
  if (Object.values(o.modelAfter.draining).some((deadline) => o.now >= deadline - o.graceMs)) found.add("deadlineDue")
  if (before !== "active" && after === "active") found.add("compactionStarted")
  if (before === "active" && after === "idle") found.add("compactionCompleted")
  if (before === "active" && after === "backoff") found.add("compactionCancelled")
  for (const e of o.events) {
    if (e.type === "setTarget") found.add(e.version === undefined ? "targetChanged" : "rollout")
    if (e.type === "replicaStopped" || e.type === "replicaFailed" || e.type === "replicaUnhealthy") found.add(e.type)
    if (e.type === "nodeAdded" || e.type === "nodeRemoved") found.add(e.type)
  }
  for (const a of o.actions) {
    if (a.type === "releaseNode") found.add("nodeReleased")
    if (a.type === "startReplica" && a.node === null) found.add("unplaced")
  }
  if (o.settled) found.add("settled")
  return [...found]
}

/** Ticks per feature, invariant evaluations, and what the run covered. */
export class LifecycleStats {
  readonly tally = new Tally()
  readonly features = new Map<TickFeature, number>()
  readonly actionKinds = new Map<string, number>()
  readonly distinctStates = new Set<string>()
  runs = 0
  ticks = 0

  record(o: LifecycleObservation, key: string): void {
    this.ticks++
    this.distinctStates.add(key)
    for (const f of featuresOf(o)) this.features.set(f, (this.features.get(f) ?? 0) + 1)
  }

  count(kind: string): void {
    this.actionKinds.set(kind, (this.actionKinds.get(kind) ?? 0) + 1)
  }
}
