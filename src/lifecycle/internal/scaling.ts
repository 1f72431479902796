/**
 * Scaling a deployment (Ray's `scale_deployment_replicas`): the rolling
 * update stops a budget of old-version replicas, and the replica delta
 * (`target − STARTING − UPDATING − RUNNING − RECOVERING`; PENDING_MIGRATION
 * and STOPPING do not count, so each migrating replica gets a replacement)
 * asks for new replicas or for some to stop, chosen as Ray's scheduler does.
 */
import * as Container from "../../container/index.js"
import type { ReplicaState } from "../../container/index.js"
import type { Replica } from "../State.js"
import type { Draft } from "./draft.js"
import type { Request } from "./scheduling.js"
import { replicaId } from "./state.js"

/** The states a rolling update stops old replicas from, in Ray's pop order. */
const ROLLOUT_ORDER: ReadonlyArray<ReplicaState> = ["STARTING", "PENDING_MIGRATION", "RUNNING"]

/**
 * Ray's `_check_and_stop_outdated_version_replicas`: nothing while scaling
 * down; otherwise stop up to `max(rollout − (target − new running − old running), 0)`
 * old replicas, `rollout = max(floor(rollingUpdatePercent × target), 1)`, in the
 * pop order [STARTING, PENDING_MIGRATION, RUNNING] (gracefully only when RUNNING).
 */
export const rollOut = (draft: Draft, d: number): void => {
  const dep = draft.deployment(d)
  if (dep.outdated === 0) return
  const oldRunning = Container.count(dep.replicas, {
    states: ["STARTING", "UPDATING", "RUNNING"],
    excludeVersion: dep.version
  })
  const oldStopping = Container.count(dep.replicas, { states: ["STOPPING"], excludeVersion: dep.version })
  const newRunning = Container.count(dep.replicas, { states: ["RUNNING"], version: dep.version })
  if (dep.target < oldRunning + oldStopping) return
  const rollout = Math.max(Math.floor(draft.base.options.rollingUpdatePercent * dep.target), 1)
  let left = Math.max(rollout - (dep.target - newRunning - oldRunning), 0)
  for (const state of ROLLOUT_ORDER) {
    for (const replica of Container.get(dep.replicas, { states: [state] })) {
      if (left === 0) return
      if (replica.version === dep.version) continue
      draft.stop(d, replica, state, state === "RUNNING")
      left--
    }
  }
}

/**
 * Ray's downscale choice: first the replicas with no known node yet
 * (STARTING, RECOVERING; newest first), then the running ones node by node,
 * the nodes with the fewest running replicas of every deployment first (a
 * node that may not be released last), the newest replica first on each node.
 */
const chooseToStop = (draft: Draft, d: number, count: number): ReadonlyArray<readonly [Replica, ReplicaState]> => {
  const dep = draft.deployment(d)
  const chosen: Array<readonly [Replica, ReplicaState]> = []
  for (const state of ["STARTING", "RECOVERING"] as const) {
    for (const replica of [...Container.get(dep.replicas, { states: [state] })].reverse()) {
      if (chosen.length === count) return chosen
      chosen.push([replica, state])
    }
  }
  const byNode = new Map<string, Array<readonly [Replica, ReplicaState]>>()
  for (const state of ["UPDATING", "RUNNING"] as const) {
    for (const replica of Container.get(dep.replicas, { states: [state] })) {
      const key = replica.node ?? ""
      const list = byNode.get(key) ?? []
      list.push([replica, state])
      byNode.set(key, list)
    }
  }
  const rank = (node: string): number => {
    const entry = draft.nodeAt(node)
    return entry === undefined ? -1 : entry.releasable ? entry.running : Number.MAX_SAFE_INTEGER
  }
  const position = (node: string): number => draft.nodeIndex.get(node) ?? -1
  const nodes = [...byNode.keys()].sort((a, b) => rank(a) - rank(b) || position(a) - position(b))
  for (const node of nodes) {
    for (const entry of [...(byNode.get(node) ?? [])].reverse()) {
      if (chosen.length === count) return chosen
      chosen.push(entry)
    }
  }
  return chosen
}

/** A downscale: how many replicas of deployment `d` to stop. */
export interface Downscale {
  readonly d: number
  readonly count: number
}

/** Asks for new replicas (pushed on `requests`) or for a downscale (pushed on `downscales`). */
export const scale = (draft: Draft, d: number, requests: Array<Request>, downscales: Array<Downscale>): void => {
  const dep = draft.deployment(d)
  const counts = Container.countByState(dep.replicas)
  const delta = dep.target - counts.STARTING - counts.UPDATING - counts.RUNNING - counts.RECOVERING
  if (delta > 0) {
    for (let k = 0; k < delta; k++) requests.push({ d, id: replicaId(dep.id, dep.nextSeq + k) })
    draft.setDeployment(d, { ...dep, nextSeq: dep.nextSeq + delta })
  } else if (delta < 0) {
    downscales.push({ d, count: -delta })
  }
}

/** Stops the replicas a downscale chose, gracefully. */
export const downscale = (draft: Draft, { count, d }: Downscale): void => {
  for (const [replica, state] of chooseToStop(draft, d, count)) draft.stop(d, replica, state, true)
}
