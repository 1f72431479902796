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
import type { Draft } from "./draft.js"
import { compare, compareLeft, fits } from "./resources.js"
import type { PlannerRun } from "./state.js"

/** A new replica to place: its deployment and id. */
export interface Request {
  readonly d: number
  readonly id: string
}

/** Placement groups, in the order they are tried. */
const BUSY = 0
const EMPTYING = 1
const IDLE = 2

/** Nodes nothing may be placed on: draining, released, or waiting to be released. */
const closedNodes = (draft: Draft): Uint8Array => {
  const closed = new Uint8Array(draft.nodes.length)
  draft.nodes.forEach((node, i) => {
    if (node.released || draft.draining.has(node.id) || draft.compaction.releasing.has(node.id)) closed[i] = 1
  })
  return closed
}

const fitsOn = (draft: Draft, i: number, d: number): boolean => {
  const node = draft.nodes[i]
  const dep = draft.deployment(d)
  if (node === undefined) return false
  if (dep.maxReplicasPerNode !== undefined && (node.perDeployment.get(d) ?? 0) >= dep.maxReplicasPerNode) return false
  return fits(node.capacity, node.used, dep.demand, draft.resources.length)
}

/** The pack scheduler's node for one replica of deployment `d`, or `null`. */
const chooseNode = (draft: Draft, d: number, closed: Uint8Array): string | null => {
  const emptying = draft.compaction.active?.emptying
  const best = [-1, -1, -1]
  const nodes = draft.nodes
  for (let i = 0; i < nodes.length; i++) {
    if (closed[i] === 1 || !fitsOn(draft, i, d)) continue
    const node = nodes[i]!
    const group = emptying?.has(node.id) === true ? EMPTYING : node.running > 0 ? BUSY : IDLE
    const current = best[group]!
    const other = nodes[current]
    if (other === undefined || compareLeft(draft.order, node.capacity, node.used, other.capacity, other.used) < 0) {
      best[group] = i
    }
  }
  const chosen = best.find((i) => i >= 0)
  return chosen === undefined ? null : nodes[chosen]!.id
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
  draft.add(request.d, "STARTING", { id: request.id, version: dep.version, deployment: dep.id, node })
  draft.emit({ type: "startReplica", replica: request.id, deployment: dep.id, version: dep.version, node })
}

/** A planner replacement on its step's destination; `false` when it does not fit there (the plan is cancelled). */
const startOnStep = (draft: Draft, request: Request, closed: Uint8Array): boolean => {
  const active = draft.compaction.active
  if (active === undefined || active.run.kind !== "planner") return false
  const run = active.run
  const stepIndex = pendingStep(draft, run, request.d)
  if (stepIndex === undefined) return false
  const to = run.steps[stepIndex]!.to
  const i = draft.nodeIndex.get(to)
  if (i === undefined || closed[i] === 1 || !fitsOn(draft, i, request.d)) {
    draft.landed = true
    return false
  }
  start(draft, request, to)
  const replacements = new Map(run.replacements).set(stepIndex, request.id)
  draft.setCompaction({ ...draft.compaction, active: { ...active, run: { ...run, replacements } } })
  return true
}

/** Places and starts every request: planner replacements first, then the rest largest first. */
export const place = (draft: Draft, requests: ReadonlyArray<Request>): void => {
  if (requests.length === 0) return
  const closed = closedNodes(draft)
  const rest = requests.filter((request) => !startOnStep(draft, request, closed))
  const order = draft.order
  const sorted = rest.map((request, k) => ({ request, k })).sort((a, b) =>
    compare(order, draft.deployment(b.request.d).demand, draft.deployment(a.request.d).demand) || a.k - b.k
  )
  for (const { request } of sorted) start(draft, request, chooseNode(draft, request.d, closed))
}
