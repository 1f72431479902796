/**
 * The compaction cycle (Anyscale's `get_node_to_compact`, and the planner
 * mode): a compaction starts once every deployment has been HEALTHY (at its
 * target) for `compactionDelayMs` with no node draining and the back-off has
 * passed; an active one is cancelled when a new replica lands on a node it
 * empties, completes when its nodes are empty (Ray) or its last wave is done
 * (planner), and fails at `compactionTimeoutMs`. A failure waits
 * `min(2^failures s, maxBackoffMs)`; a completion resets the failures. Nodes
 * it emptied are released once they hold no replica at all.
 */
import { Either } from "effect"
import * as Compaction from "../../compaction/index.js"
import * as Container from "../../container/index.js"
import type { Draft } from "./draft.js"
import { rayChoice } from "./rayChoice.js"
import { toRecord } from "./resources.js"
import { type ActiveCompaction, deploymentOf, type PlannerRun } from "./state.js"

/** Ray's back-off unit: `2^failures` seconds. */
const BACKOFF_UNIT_MS = 1000

const fail = (draft: Draft): void => {
  const failures = draft.compaction.failures + 1
  const backoff = Math.min(2 ** failures * BACKOFF_UNIT_MS, draft.base.options.maxBackoffMs)
  draft.setCompaction({ ...draft.compaction, active: undefined, failures, nextAllowed: draft.now + backoff })
}

const complete = (draft: Draft, active: ActiveCompaction): void => {
  const releasing = new Set(draft.compaction.releasing)
  for (const node of active.nodes) {
    const entry = draft.nodeAt(node)
    if (entry !== undefined && !entry.released) releasing.add(node)
  }
  draft.setCompaction({ ...draft.compaction, active: undefined, failures: 0, nextAllowed: 0, releasing })
}

const stateOfReplica = (draft: Draft, id: string): Container.ReplicaState | undefined => {
  const d = draft.base.deploymentIndex.get(deploymentOf(id) ?? "")
  return d === undefined ? undefined : Container.stateOf(draft.deployment(d).replicas, id)
}

/** Starts wave after wave while the current one is done (its sources have exited); false once all are done. */
const advance = (draft: Draft, active: ActiveCompaction, run: PlannerRun): boolean => {
  let current = run
  while ([...current.sources].every((id) => stateOfReplica(draft, id) === undefined)) {
    if (current.wave === current.waves) return false
    const wave = current.wave + 1
    const steps = current.steps.filter((s) => s.wave === wave)
    for (const step of steps) {
      const d = draft.base.deploymentIndex.get(step.deployment)
      const replica = d === undefined ? undefined : draft.record(d, step.replica)
      if (d !== undefined && replica !== undefined && stateOfReplica(draft, step.replica) === "RUNNING") {
        draft.transition(d, replica, "RUNNING", "PENDING_MIGRATION")
      }
    }
    current = { ...current, wave, sources: new Set(steps.map((s) => s.replica)), replacements: new Map() }
  }
  if (current !== run) draft.setCompaction({ ...draft.compaction, active: { ...active, run: current } })
  return true
}

/** Cancel, complete, time out, or move on to the next wave. */
export const update = (draft: Draft): void => {
  const active = draft.compaction.active
  if (active === undefined) return
  if (draft.landed) {
    draft.landed = false
    return fail(draft)
  }
  const done = active.run.kind === "ray"
    ? active.nodes.every((node) => (draft.nodeAt(node)?.live ?? 0) === 0)
    : !advance(draft, active, active.run)
  if (done) return complete(draft, draft.compaction.active ?? active)
  if (draft.now >= active.startedAt + draft.base.options.compactionTimeoutMs) fail(draft)
}

/** Whether a new compaction may start now. */
const allowed = (draft: Draft): boolean => {
  const { compaction, options } = { compaction: draft.compaction, options: draft.base.options }
  if (options.compaction === "off" || compaction.active !== undefined || draft.now < compaction.nextAllowed) return false
  if (draft.draining.size > 0 || draft.quietSince === null || draft.now < draft.quietSince + options.compactionDelayMs) {
    return false
  }
  if (compaction.searchedAt === draft.layout) return false
  return draft.deployments.every((dep) => dep.status === "HEALTHY" && Container.size(dep.replicas) === dep.target)
}

/** The cluster as a compaction snapshot: every open node, every running replica. */
const snapshot = (draft: Draft) =>
  Compaction.validate({
    nodes: draft.nodes.filter((n) => !n.released && !draft.compaction.releasing.has(n.id)).map((n) => ({
      id: n.id,
      capacity: toRecord(draft.resources, n.capacity),
      releasable: n.releasable
    })),
    deployments: draft.deployments.map((dep) => ({
      id: dep.id,
      demand: toRecord(draft.resources, dep.demand),
      maxSurge: dep.maxSurge,
      ...(dep.maxReplicasPerNode === undefined ? {} : { maxReplicasPerNode: dep.maxReplicasPerNode })
    })),
    replicas: draft.deployments.flatMap((dep) =>
      Container.get(dep.replicas, { states: ["RUNNING"] }).flatMap((r) =>
        r.node === null ? [] : [{ id: r.id, deployment: dep.id, node: r.node }]
      )
    )
  })

const startPlanner = (draft: Draft): boolean => {
  const validated = snapshot(draft)
  if (Either.isLeft(validated)) return false
  const plan = Compaction.plan(validated.right, draft.base.options.planner)
  if (plan.released.length === 0) return false
  const nodes = plan.released.map((r) => r.node)
  const run: PlannerRun = {
    kind: "planner",
    steps: plan.steps,
    waves: plan.metrics.waves,
    wave: 0,
    sources: new Set(),
    replacements: new Map()
  }
  const active: ActiveCompaction = { run, nodes, emptying: new Set(nodes), startedAt: draft.now }
  draft.setCompaction({ ...draft.compaction, active })
  advance(draft, active, run)
  return true
}

const startRay = (draft: Draft): boolean => {
  const node = rayChoice(draft)
  if (node === undefined) return false
  const active: ActiveCompaction = { run: { kind: "ray" }, nodes: [node], emptying: new Set([node]), startedAt: draft.now }
  draft.setCompaction({ ...draft.compaction, active })
  return true
}

/** Starts a compaction when one is allowed and there is something to compact. */
export const maybeStart = (draft: Draft): void => {
  if (!allowed(draft)) return
  const started = draft.base.options.compaction === "ray" ? startRay(draft) : startPlanner(draft)
  if (!started) draft.setCompaction({ ...draft.compaction, searchedAt: draft.layout })
}

/** The nodes being emptied now, with their replicas' deadline: draining ones, and a Ray compaction's node (∞). */
export const migratingNodes = (draft: Draft): ReadonlyMap<string, number> => {
  const active = draft.compaction.active
  if (active === undefined || active.run.kind !== "ray") return draft.draining
  const migrating = new Map(draft.draining)
  for (const node of active.nodes) if (!migrating.has(node)) migrating.set(node, Infinity)
  return migrating
}

/** The replicas the current planner wave moves. */
export const plannedSources = (draft: Draft): ReadonlySet<string> => {
  const run = draft.compaction.active?.run
  return run?.kind === "planner" ? run.sources : EMPTY
}

const EMPTY: ReadonlySet<string> = new Set()

/** Emits `releaseNode` for each node a compaction emptied that holds no replica at all, once. */
export const releaseEmptied = (draft: Draft): void => {
  const candidates = [...(draft.compaction.active?.nodes ?? []), ...draft.compaction.releasing]
  let releasing = draft.compaction.releasing
  for (const id of candidates) {
    const node = draft.nodeAt(id)
    if (node === undefined || node.released || node.held > 0 || !node.releasable) continue
    draft.setNode({ ...node, released: true })
    draft.emit({ type: "releaseNode", node: id })
    if (releasing.has(id)) {
      const copy = new Set(releasing)
      copy.delete(id)
      releasing = copy
    }
  }
  if (releasing !== draft.compaction.releasing) draft.setCompaction({ ...draft.compaction, releasing })
}
