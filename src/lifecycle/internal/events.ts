/**
 * Applying a tick's events, in order, to the draft: what the world reports.
 * Each event is decoded first; an event that names something unknown, or
 * reports what cannot have happened, throws the tick's typed error (the
 * caller's state is untouched: the draft is discarded).
 */
import { Either, Schema } from "effect"
import { type ReplicaState, stateOf } from "../../container/index.js"
import {
  DuplicateNode,
  InvalidEvent,
  InvalidTarget,
  ReplicaAlreadyStarted,
  ReplicaNotStarted,
  UnknownDeployment,
  UnknownNode,
  UnknownReplica
} from "../errors.js"
import { Event } from "../Event.js"
import type { Replica } from "../State.js"
import type { Draft } from "./draft.js"
import { problemsOf } from "./problems.js"
import { priorityOrder, withNames } from "./resources.js"
import { deploymentOf, emptyNode, type NodeEntry } from "./state.js"

const decodeEvent = Schema.decodeUnknownEither(Event)

/** The event at `index`, decoded, or an `InvalidEvent` naming what is wrong. */
const decode = (input: unknown, index: number): Event =>
  Either.getOrThrowWith(decodeEvent(input), (error) =>
    new InvalidEvent({ index, problems: problemsOf(error, `events[${index}]`) }))

interface Located {
  readonly d: number
  readonly replica: Replica
  readonly state: ReplicaState
}

const locate = (draft: Draft, id: string, index: number): Located => {
  const d = draft.base.deploymentIndex.get(deploymentOf(id) ?? "")
  const replica = d === undefined ? undefined : draft.record(d, id)
  if (d === undefined || replica === undefined) throw new UnknownReplica({ index, replica: id })
  // A replica with a record is in its deployment's container: the draft moves both together.
  return { d, replica, state: stateOf(draft.deployment(d).replicas, id) as ReplicaState }
}

const requireNode = (draft: Draft, node: string, index: number): NodeEntry => {
  const entry = draft.nodeAt(node)
  if (entry === undefined) throw new UnknownNode({ index, node })
  return entry
}

/** Marks a deployment UNHEALTHY when a replica of its target version failed (its stop has just written it). */
const failed = (draft: Draft, d: number, replica: Replica): void => {
  const dep = draft.deployment(d)
  if (replica.version === dep.version) draft.setDeployment(d, { ...dep, status: "UNHEALTHY" })
}

const started = (draft: Draft, index: number, id: string, node: string): void => {
  requireNode(draft, node, index)
  const { d, replica, state } = locate(draft, id, index)
  if (state === "STARTING") {
    if (replica.node === node) draft.transition(d, replica, state, "RUNNING")
    else draft.replace(d, replica, state, { ...replica, node }, "RUNNING")
    return
  }
  // Only a replica stopped while STARTING (so STOPPING now) is in neverStarted.
  if (!draft.deployment(d).neverStarted.has(id)) throw new ReplicaAlreadyStarted({ index, replica: id })
  // Stopped before it reported: it still runs somewhere until it exits, holding that node.
  const dep = draft.deployment(d)
  const neverStarted = new Set(dep.neverStarted)
  neverStarted.delete(id)
  draft.setDeployment(d, { ...dep, neverStarted })
  if (replica.node !== node) draft.replace(d, replica, state, { ...replica, node }, "STOPPING")
}

const startFailed = (draft: Draft, index: number, id: string): void => {
  const { d, replica, state } = locate(draft, id, index)
  if (state === "STOPPING") return
  if (state !== "STARTING") throw new ReplicaAlreadyStarted({ index, replica: id })
  draft.stop(d, replica, state, false)
  failed(draft, d, replica)
}

const unhealthy = (draft: Draft, index: number, id: string): void => {
  const { d, replica, state } = locate(draft, id, index)
  if (state === "STOPPING") return
  if (state === "STARTING") throw new ReplicaNotStarted({ index, replica: id })
  draft.stop(d, replica, state, false)
  failed(draft, d, replica)
}

const stopped = (draft: Draft, index: number, id: string): void => {
  const { d, replica, state } = locate(draft, id, index)
  draft.drop(d, replica, state)
}

const draining = (draft: Draft, index: number, nodes: Readonly<Record<string, number>>): void => {
  const next = new Map<string, number>()
  for (const [node, deadline] of Object.entries(nodes)) {
    if (draft.removed.has(node)) continue // the map lags behind a node that already left
    requireNode(draft, node, index)
    next.set(node, deadline)
  }
  const same = next.size === draft.draining.size && [...next].every(([n, t]) => draft.draining.get(n) === t)
  if (!same) draft.setDraining(next)
}

const nodeAdded = (draft: Draft, index: number, spec: { id: string; capacity: Readonly<Record<string, number>>; releasable: boolean }): void => {
  if (draft.nodeAt(spec.id) !== undefined) throw new DuplicateNode({ index, node: spec.id })
  if (draft.removed.has(spec.id)) {
    const removed = new Set(draft.removed)
    removed.delete(spec.id)
    draft.removed = removed
  }
  const names = withNames(draft.resources, spec.capacity)
  if (names !== draft.resources) {
    draft.resources = names
    draft.order = priorityOrder(names)
  }
  draft.setNodes([...draft.nodes, emptyNode(names, spec)])
}

/**
 * A node left: its live replicas are gone with it, so each gets a `stopReplica`
 * and waits in STOPPING, holding nothing, for its `replicaStopped`.
 */
const nodeRemoved = (draft: Draft, index: number, node: string): void => {
  if (draft.removed.has(node)) return // already gone: a repeated removal changes nothing
  const entry = requireNode(draft, node, index)
  for (const id of entry.replicas) {
    const { d, replica, state } = locate(draft, id, index)
    draft.replace(d, replica, state, { ...replica, node: null }, state)
    if (state !== "STOPPING") {
      const moved = draft.record(d, id) as Replica
      draft.stop(d, moved, state, false)
    }
  }
  draft.setNodes(draft.nodes.filter((n) => n.id !== node))
  draft.removed = new Set(draft.removed).add(node)
  if (draft.draining.has(node)) {
    const next = new Map(draft.draining)
    next.delete(node)
    draft.setDraining(next)
  }
  if (draft.compaction.releasing.has(node)) {
    const releasing = new Set(draft.compaction.releasing)
    releasing.delete(node)
    draft.setCompaction({ ...draft.compaction, releasing })
  }
}

const setTarget = (draft: Draft, index: number, deployment: string, target: number, version: string | undefined): void => {
  const d = draft.base.deploymentIndex.get(deployment)
  if (d === undefined) throw new UnknownDeployment({ index, deployment })
  if (!Number.isInteger(target) || target < 0) throw new InvalidTarget({ index, deployment, target })
  const dep = draft.deployment(d)
  const nextVersion = version ?? dep.version
  if (target === dep.target && nextVersion === dep.version) return
  let outdated = dep.outdated
  if (nextVersion !== dep.version) {
    outdated = 0
    for (const r of dep.replicas) if (r.version !== nextVersion) outdated++
  }
  draft.setDeployment(d, { ...dep, target, version: nextVersion, outdated, status: "UPDATING" })
}

/** Applies the events in order. */
export const applyEvents = (draft: Draft, events: ReadonlyArray<unknown>): void => {
  events.forEach((input, index) => {
    const event = decode(input, index)
    switch (event.type) {
      case "replicaStarted":
        return started(draft, index, event.replica, event.node)
      case "replicaFailed":
        return startFailed(draft, index, event.replica)
      case "replicaUnhealthy":
        return unhealthy(draft, index, event.replica)
      case "replicaStopped":
        return stopped(draft, index, event.replica)
      case "nodesDraining":
        return draining(draft, index, event.nodes)
      case "nodeAdded":
        return nodeAdded(draft, index, event.node)
      case "nodeRemoved":
        return nodeRemoved(draft, index, event.node)
      case "setTarget":
        return setTarget(draft, index, event.deployment, event.target, event.version)
    }
  })
}
