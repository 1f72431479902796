/**
 * The compaction cycle (Anyscale's `get_node_to_compact`, and the planner
 * mode). Once the back-off has passed, a Ray compaction starts when no node
 * drains and every deployment has been HEALTHY (at its target) for
 * `compactionDelayMs`; a planner compaction moves only the replicas of the
 * deployments that have each been so for `compactionDelayMs` (none while one
 * is UNHEALTHY or rolling out), the others' replicas, and draining nodes, staying put. An active one is cancelled when a new replica lands on a node it
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
import { isSettled } from "./status.js"

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
  if (active === undefined) {
    draft.landed = false
    return
  }
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

/** Whether a compaction may be looked for at all: the mode is on, none is active, the back-off is over. */
const open = (draft: Draft): boolean => {
  const compaction = draft.compaction
  return draft.base.options.compaction !== "off" && compaction.active === undefined && draft.now >= compaction.nextAllowed
}

/**
 * Ray's rule (`"ray"`): no node draining, every deployment HEALTHY with
 * exactly `target` replicas, and the whole cluster quiet (every deployment
 * HEALTHY, no node draining) for `compactionDelayMs`; and something changed
 * since the last search that found nothing.
 */
const rayAllowed = (draft: Draft): boolean =>
  draft.draining.size === 0 && draft.quietSince !== null && draft.now >= draft.quietSince + draft.base.options.compactionDelayMs &&
  draft.compaction.searchedAt !== draft.layout &&
  draft.deployments.every((dep) => dep.status === "HEALTHY" && Container.size(dep.replicas) === dep.target)

/**
 * The deployments a planner compaction may move (`"planner"`): those steady
 * (HEALTHY with exactly `target` replicas) for `compactionDelayMs`; none while
 * a deployment is UNHEALTHY or rolling out a version. Nodes may be draining
 * meanwhile (their replicas migrate as usual), and the other deployments may scale: their replicas stay where they are and hold their room, and one
 * that lands on a node being emptied or on a step's destination cancels the
 * compaction, as in Ray.
 */
const movableDeployments = (draft: Draft): ReadonlySet<number> => {
  const movable = new Set<number>()
  const delay = draft.base.options.compactionDelayMs
  for (let d = 0; d < draft.deployments.length; d++) {
    const dep = draft.deployment(d)
    if (dep.status === "UNHEALTHY" || dep.outdated > 0) return EMPTY_INDICES
    if (isSettled(dep, draft.now, delay)) movable.add(d)
  }
  return movable
}

const EMPTY_INDICES: ReadonlySet<number> = new Set()

/**
 * The cluster as a compaction snapshot: every open node (a draining one
 * neither released nor receiving: its replicas are already migrating), every
 * replica on one (holding its room), movable when it is RUNNING in a movable deployment.
 */
const snapshot = (draft: Draft, movable: ReadonlySet<number>) => {
  const nodes = draft.nodes.filter((n) => !n.released && !draft.compaction.releasing.has(n.id))
  const open = new Set(nodes.map((n) => n.id))
  return Compaction.validate({
    nodes: nodes.map((n) => {
      const draining = draft.draining.has(n.id)
      return {
        id: n.id,
        capacity: toRecord(draft.resources, n.capacity),
        releasable: n.releasable && !draining,
        acceptsIncoming: !draining
      }
    }),
    deployments: draft.deployments.map((dep) => ({
      id: dep.id,
      demand: toRecord(draft.resources, dep.demand),
      maxSurge: dep.maxSurge,
      ...(dep.maxReplicasPerNode === undefined ? {} : { maxReplicasPerNode: dep.maxReplicasPerNode })
    })),
    replicas: draft.deployments.flatMap((dep, d) =>
      [...dep.replicas].flatMap((r) =>
        r.node === null || !open.has(r.node) ? [] : [{
          id: r.id,
          deployment: dep.id,
          node: r.node,
          movable: movable.has(d) && Container.stateOf(dep.replicas, r.id) === "RUNNING"
        }]
      )
    )
  })
}

/**
 * Whether a plan could release a node at all: some releasable, non-draining
 * node holds only movable replicas that fit, resource by resource, in the
 * room left on all the other nodes that take replicas. Necessary (moves among
 * the other nodes never change their total room), and cheap next to a
 * search: a busy cluster fails it on most ticks.
 */
const mayRelease = (draft: Draft, movable: ReadonlySet<number>): boolean => {
  const n = draft.resources.length
  const room = new Array<number>(n).fill(0)
  const open = draft.nodes.filter((node) => !node.released && !draft.compaction.releasing.has(node.id))
  for (const node of open) {
    if (draft.draining.has(node.id)) continue
    for (let k = 0; k < n; k++) room[k]! += (node.capacity[k] ?? 0) - (node.used[k] ?? 0)
  }
  return open.some((node) => {
    if (!node.releasable || node.held === 0 || draft.draining.has(node.id)) return false
    const allMovable = node.replicas.every((id) => {
      const d = draft.base.deploymentIndex.get(deploymentOf(id) ?? "")
      return d !== undefined && movable.has(d) && Container.stateOf(draft.deployment(d).replicas, id) === "RUNNING"
    })
    if (!allMovable) return false
    for (let k = 0; k < n; k++) {
      const own = (node.capacity[k] ?? 0) - (node.used[k] ?? 0)
      if (room[k]! - own < (node.used[k] ?? 0)) return false
    }
    return true
  })
}

const startPlanner = (draft: Draft, movable: ReadonlySet<number>): boolean => {
  if (!mayRelease(draft, movable)) return false
  const validated = snapshot(draft, movable)
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

/**
 * What a planner search depends on besides the layout: the deployments it may
 * move and the nodes draining (a node that stops draining gives its room back
 * without changing the layout).
 */
const searchKey = (draft: Draft, movable: ReadonlySet<number>): string =>
  JSON.stringify([[...movable], [...draft.draining.keys()]])

/** Starts a compaction when one is allowed and there is something to compact. */
export const maybeStart = (draft: Draft): void => {
  if (!open(draft)) return
  if (draft.base.options.compaction === "ray") {
    if (rayAllowed(draft) && !startRay(draft)) draft.setCompaction({ ...draft.compaction, searchedAt: draft.layout })
    return
  }
  const movable = movableDeployments(draft)
  if (movable.size === 0) return
  const key = searchKey(draft, movable)
  if (draft.compaction.searchedAt === draft.layout && draft.compaction.searchedMovable === key) return
  if (!startPlanner(draft, movable)) draft.setCompaction({ ...draft.compaction, searchedAt: draft.layout, searchedMovable: key })
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
  const candidates = [...(draft.compaction.active?.nodes ?? EMPTY), ...draft.compaction.releasing]
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
