/**
 * Pack scheduling of new replicas (Ray's `_find_best_fit_node_for_pack` with
 * Anyscale's order during a compaction): all requests of a pass, largest
 * first in Ray's resource order; each on the best-fit node (least left over)
 * among the busy nodes that are not being emptied, else on a node being
 * emptied (which cancels that compaction), else on an idle node; never on a
 * draining, released or to-be-released node; `null` when nothing fits. In
 * `"planner"` mode a replacement goes to its step's destination.
 */
import { stateOf } from "../../container/index.js"
import type { Replica } from "../State.js"
import type { Draft } from "./draft.js"
import { compare } from "./resources.js"
import type { PlannerRun } from "./state.js"

/** A new replica to place: its deployment and id. */
export interface Request {
  readonly d: number
  readonly id: string
}

/** Placement groups, in the order they are tried; `CLOSED` nodes take nothing. */
const BUSY = 0
const EMPTYING = 1
const IDLE = 2
const CLOSED = 3

/**
 * What one placement call reads, flattened for a tight scan over the nodes:
 * each node's group and what it has left of each resource (updated as
 * replicas are placed).
 */
interface Board {
  readonly group: Uint8Array
  readonly left: Float64Array
  readonly resources: number
  /** Replicas placed by this call, by `node × deployments + deployment`, for `maxReplicasPerNode`. */
  readonly placed: Map<number, number>
}

const boardOf = (draft: Draft): Board => {
  const n = draft.nodes.length
  const r = draft.resources.length
  const group = new Uint8Array(n)
  const left = new Float64Array(n * r)
  const emptying = draft.compaction.active?.emptying
  const draining = draft.draining.size > 0 ? draft.draining : undefined
  const releasing = draft.compaction.releasing.size > 0 ? draft.compaction.releasing : undefined
  for (let i = 0; i < n; i++) {
    const node = draft.nodes[i]!
    group[i] = node.released || draining?.has(node.id) === true || releasing?.has(node.id) === true
      ? CLOSED
      : emptying?.has(node.id) === true
      ? EMPTYING
      : node.running > 0
      ? BUSY
      : IDLE
    const { capacity, used } = node
    for (let k = 0; k < r; k++) left[i * r + k] = (capacity[k] ?? 0) - (used[k] ?? 0)
  }
  return { group, left, resources: r, placed: new Map() }
}

/** Whether a replica of deployment `d` may go on node `i`: open, room in every resource, under `maxReplicasPerNode`. */
const fitsOn = (draft: Draft, board: Board, i: number, d: number): boolean => {
  if (board.group[i] === CLOSED) return false
  const { left, resources } = board
  const demand = draft.deployment(d).demand
  for (let k = 0; k < resources; k++) if (left[i * resources + k]! < (demand[k] ?? 0)) return false
  const limit = draft.deployment(d).maxReplicasPerNode
  if (limit === undefined) return true
  const here = (draft.nodes[i]!.perDeployment.get(d) ?? 0) + (board.placed.get(i * draft.deployments.length + d) ?? 0)
  return here < limit
}

/** Whether node `a` has less left than node `b` in Ray's resource order (the first resource decides nearly always). */
const tighter = (board: Board, order: ReadonlyArray<number>, a: number, b: number): boolean => {
  const { left, resources } = board
  const first = order[0] ?? 0
  const d = left[a * resources + first]! - left[b * resources + first]!
  if (d !== 0) return d < 0
  for (let j = 1; j < order.length; j++) {
    const k = order[j]!
    const e = left[a * resources + k]! - left[b * resources + k]!
    if (e !== 0) return e < 0
  }
  return false
}

/** The pack scheduler's node for one replica of deployment `d` (best fit in the first group with room), or -1. */
const chooseNode = (draft: Draft, board: Board, d: number): number => {
  const best = [-1, -1, -1]
  const { group, left, resources } = board
  const dep = draft.deployment(d)
  const need = Float64Array.from({ length: resources }, (_, k) => dep.demand[k] ?? 0)
  const limited = dep.maxReplicasPerNode !== undefined
  const n = group.length
  for (let i = 0; i < n; i++) {
    const g = group[i]!
    if (g === CLOSED) continue
    let fits = true
    for (let k = 0; k < resources && fits; k++) fits = left[i * resources + k]! >= need[k]!
    if (!fits || (limited && !fitsOn(draft, board, i, d))) continue
    const current = best[g]!
    if (current < 0 || tighter(board, draft.order, i, current)) best[g] = i
  }
  return best.find((i) => i >= 0) ?? -1
}

/** Takes a replica of deployment `d`'s demand from node `i` on the board. */
const take = (draft: Draft, board: Board, i: number, d: number): void => {
  const demand = draft.deployment(d).demand
  for (let k = 0; k < board.resources; k++) board.left[i * board.resources + k]! -= demand[k] ?? 0
  const key = i * draft.deployments.length + d
  board.placed.set(key, (board.placed.get(key) ?? 0) + 1)
}

/**
 * The destination of the next step of the current wave whose replacement is
 * still missing, for deployment `d`: its index and node.
 */
const pendingStep = (draft: Draft, run: PlannerRun, d: number): number | undefined => {
  const dep = draft.deployment(d)
  for (let i = 0; i < run.steps.length; i++) {
    const step = run.steps[i]!
    if (step.wave !== run.wave || step.deployment !== dep.id) continue
    if (stateOf(dep.replicas, step.replica) !== "PENDING_MIGRATION") continue
    const replacement = run.replacements.get(i)
    const state = replacement === undefined ? undefined : stateOf(dep.replicas, replacement)
    if (state !== "STARTING" && state !== "RUNNING") return i
  }
  return undefined
}

const start = (draft: Draft, request: Request, node: string | null): void => {
  const dep = draft.deployment(request.d)
  draft.addAll(request.d, "STARTING", [{ id: request.id, version: dep.version, deployment: dep.id, node }])
  draft.emit({ type: "startReplica", replica: request.id, deployment: dep.id, version: dep.version, node })
}

/** A planner replacement on its step's destination; `false` when it does not fit there (the plan is cancelled). */
const startOnStep = (draft: Draft, request: Request, board: Board): boolean => {
  const active = draft.compaction.active
  if (active === undefined || active.run.kind !== "planner") return false
  const run = active.run
  const stepIndex = pendingStep(draft, run, request.d)
  if (stepIndex === undefined) return false
  const to = run.steps[stepIndex]!.to
  const i = draft.nodeIndex.get(to)
  if (i === undefined || !fitsOn(draft, board, i, request.d)) {
    draft.landed = true
    return false
  }
  take(draft, board, i, request.d)
  start(draft, request, to)
  const replacements = new Map(run.replacements).set(stepIndex, request.id)
  draft.setCompaction({ ...draft.compaction, active: { ...active, run: { ...run, replacements } } })
  return true
}

/** Places and starts every request: planner replacements first, then the rest largest first. */
export const place = (draft: Draft, requests: ReadonlyArray<Request>): void => {
  if (requests.length === 0) return
  const board = boardOf(draft)
  const rest = requests.filter((request) => !startOnStep(draft, request, board))
  const order = draft.order
  const sorted = rest.map((request, k) => ({ request, k })).sort((a, b) =>
    compare(order, draft.deployment(b.request.d).demand, draft.deployment(a.request.d).demand) || a.k - b.k
  )
  const placed = new Map<number, Array<Replica>>()
  for (const { request } of sorted) {
    const i = chooseNode(draft, board, request.d)
    if (i >= 0) take(draft, board, i, request.d)
    const dep = draft.deployment(request.d)
    const node = i < 0 ? null : draft.nodes[i]!.id
    const list = placed.get(request.d) ?? []
    list.push({ id: request.id, version: dep.version, deployment: dep.id, node })
    placed.set(request.d, list)
    draft.emit({ type: "startReplica", replica: request.id, deployment: dep.id, version: dep.version, node })
  }
  for (const [d, replicas] of placed) draft.addAll(d, "STARTING", replicas)
}
