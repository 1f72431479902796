/**
 * An independent check of a plan: it replays the plan wave by wave on the
 * snapshot, with its own bookkeeping (it shares no code with the planner),
 * and reports the first violated `K*` invariant with the step, wave and node.
 *
 * @since 0.1.0
 */
import { Data, Either } from "effect"
import type { InvalidPlan } from "./errors.js"
import { decodePlan, type Plan, type Step } from "./Plan.js"
import type { PlanOptionsInput, Snapshot } from "./Snapshot.js"

/**
 * The invariants `verify` decides (the ids of `spec/compaction.ts`).
 *
 * @since 0.1.0
 */
export type VerifiedInvariant = "K1" | "K2" | "K3" | "K4" | "K5" | "K6" | "K7" | "K8" | "K9"

/**
 * The first invariant a plan violates, where.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const s = Compaction.validateOrThrow({
 *   nodes: [{ id: "a", capacity: { CPU: 1 } }, { id: "b", capacity: { CPU: 1 } }],
 *   deployments: [{ id: "d", demand: { CPU: 1 } }],
 *   replicas: [{ id: "r1", deployment: "d", node: "a" }, { id: "r2", deployment: "d", node: "b" }]
 * })
 * const bad = {
 *   steps: [{ replica: "r1", deployment: "d", from: "a", to: "b", wave: 1 }],
 *   released: [{ node: "a", afterWave: 1 }],
 *   placement: [{ replica: "r1", node: "b" }, { replica: "r2", node: "b" }],
 *   metrics: { nodesBefore: 2, nodesAfter: 1, costBefore: 2, costAfter: 1, migrations: 1, migrationCost: 1, waves: 1, complete: true },
 *   explanations: []
 * }
 * const result = Compaction.verify(s, bad)
 * Either.isLeft(result) && result.left._tag === "PlanViolation" && result.left.invariant // "K1": b holds r2 and receives r1
 *
 * @since 0.1.0
 */
export class PlanViolation extends Data.TaggedError("PlanViolation")<{
  readonly invariant: VerifiedInvariant
  readonly wave?: number
  /** The index of the offending step in `plan.steps`. */
  readonly step?: number
  readonly node?: string
  readonly replica?: string
  readonly detail: string
}> {
  override get message(): string {
    const where = [
      this.wave === undefined ? "" : `wave ${this.wave}`,
      this.step === undefined ? "" : `step ${this.step}`,
      this.node === undefined ? "" : `node ${JSON.stringify(this.node)}`,
      this.replica === undefined ? "" : `replica ${JSON.stringify(this.replica)}`
    ].filter((s) => s !== "").join(", ")
    return `replicore/compaction.verify: ${this.invariant} violated${where === "" ? "" : ` (${where})`}: ${this.detail}`
  }
}

/**
 * What the replay saw of a plan that holds every invariant.
 *
 * @since 0.1.0
 */
export interface Verified {
  readonly waves: number
  readonly migrations: number
  readonly released: number
  /** The highest share of any resource of any node at any instant (0..1). */
  readonly peakUtilization: number
}

type Where = Omit<ConstructorParameters<typeof PlanViolation>[0], "invariant" | "detail">

class Stop {
  constructor(readonly violation: PlanViolation) {}
}

const fail = (invariant: VerifiedInvariant, detail: string, where: Where = {}): never => {
  throw new Stop(new PlanViolation({ invariant, detail, ...where }))
}

const q = (s: string): string => JSON.stringify(s)

/** The key of a node's replica count in the per-deployment counts (not a deployment id). */
const ALL = "\u0000all"

/**
 * What `verify` answers instead of a `Verified`: the first invariant the plan
 * violates, or a plan that does not decode (see `decodePlan`).
 *
 * @category errors
 * @since 0.1.0
 */
export type VerifyError = PlanViolation | InvalidPlan

/**
 * Decodes a plan from outside (parsed JSON, or a `Plan` in hand) for the
 * snapshot, then replays it and checks K1–K9: capacity at every instant,
 * zero downtime and surge, `maxReplicasPerNode` in flight, releases, pinned
 * replicas and nodes, one move per replica, budgets, conservation, no
 * increase in nodes or cost, and no moves for nothing. A plan that does not
 * decode is an `InvalidPlan` listing every problem; a plan that breaks an
 * invariant is a `PlanViolation` naming the first one. The options are the
 * ones the plan must respect (default: `snapshot.options`). Never throws.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const s = Compaction.validateOrThrow({
 *   nodes: [{ id: "a", capacity: { CPU: 2 } }, { id: "b", capacity: { CPU: 2 } }],
 *   deployments: [{ id: "d", demand: { CPU: 1 } }],
 *   replicas: [{ id: "r1", deployment: "d", node: "a" }, { id: "r2", deployment: "d", node: "b" }]
 * })
 * Either.isRight(Compaction.verify(s, Compaction.plan(s))) // true
 * const malformed = Compaction.verify(s, { steps: [] })
 * Either.isLeft(malformed) && malformed.left._tag // "InvalidPlan"
 *
 * @category verification
 * @since 0.1.0
 */
export const verify = (
  snapshot: Snapshot,
  plan: unknown,
  options: PlanOptionsInput = snapshot.options ?? {}
): Either.Either<Verified, VerifyError> => {
  const decoded = decodePlan(snapshot, plan)
  if (Either.isLeft(decoded)) return Either.left(decoded.left)
  try {
    return Either.right(replay(snapshot, decoded.right, options))
  } catch (e) {
    if (e instanceof Stop) return Either.left(e.violation)
    throw e
  }
}

const replay = (snapshot: Snapshot, plan: Plan, options: PlanOptionsInput): Verified => {
  const nodes = new Map(snapshot.nodes.map((n) => [n.id, n]))
  const deployments = new Map(snapshot.deployments.map((d) => [d.id, d]))
  const replicas = new Map(snapshot.replicas.map((r) => [r.id, r]))
  const at = new Map(snapshot.replicas.map((r) => [r.id, r.node]))
  const demandOf = (replica: string): Readonly<Record<string, number>> =>
    deployments.get(replicas.get(replica)?.deployment ?? "")?.demand ?? {}
  const nonEmpty = (): Set<string> => new Set(at.values())
  const before = nonEmpty()

  // K6: every step names a known replica, where it is, a different known node, once.
  const moved = new Set<string>()
  const waves = new Map<number, Array<[number, Step]>>()
  plan.steps.forEach((step, i) => {
    const replica = replicas.get(step.replica)
    if (replica === undefined) fail("K6", `unknown replica ${q(step.replica)}`, { step: i, replica: step.replica })
    if (replica?.deployment !== step.deployment) {
      fail("K6", `replica ${q(step.replica)} belongs to deployment ${q(replica?.deployment ?? "")}, not ${q(step.deployment)}`, { step: i, replica: step.replica })
    }
    if (!Number.isSafeInteger(step.wave) || step.wave < 1) fail("K6", `wave ${step.wave} is not a positive integer`, { step: i })
    if (!nodes.has(step.to)) fail("K6", `unknown destination node ${q(step.to)}`, { step: i, node: step.to })
    if (step.from === step.to) fail("K6", "a step from a node to itself", { step: i, node: step.to, replica: step.replica })
    if (moved.has(step.replica)) fail("K6", `replica ${q(step.replica)} moves twice`, { step: i, wave: step.wave, replica: step.replica })
    if (replica?.node !== step.from) {
      fail("K6", `replica ${q(step.replica)} is on ${q(replica?.node ?? "")}, not on ${q(step.from)}`, { step: i, replica: step.replica })
    }
    moved.add(step.replica)
    const list = waves.get(step.wave) ?? []
    list.push([i, step])
    waves.set(step.wave, list)
  })

  // K5: pinned replicas and nodes stay.
  plan.steps.forEach((step, i) => {
    const deployment = deployments.get(step.deployment)
    if (replicas.get(step.replica)?.movable !== true) {
      fail("K5", `replica ${q(step.replica)} is not movable`, { step: i, wave: step.wave, replica: step.replica })
    }
    if ((deployment?.maxSurge ?? 0) === 0) {
      fail("K5", `deployment ${q(step.deployment)} has maxSurge 0: its replicas never move`, { step: i, wave: step.wave, replica: step.replica })
    }
  })
  for (const release of plan.released) {
    if (nodes.get(release.node)?.releasable !== true) fail("K5", `node ${q(release.node)} is not releasable`, { node: release.node })
  }

  // K4 (destinations): no step into a node that does not accept incoming replicas or that is released.
  const releasedNodes = new Map(plan.released.map((r) => [r.node, r.afterWave]))
  plan.steps.forEach((step, i) => {
    if (nodes.get(step.to)?.acceptsIncoming !== true) {
      fail("K4", `node ${q(step.to)} does not accept incoming replicas`, { step: i, wave: step.wave, node: step.to })
    }
    if (releasedNodes.has(step.to)) fail("K4", `released node ${q(step.to)} receives a replica`, { step: i, wave: step.wave, node: step.to })
  })

  // K7: budgets and the concurrency limit.
  const budget = options.migrationBudget
  const spent = plan.steps.reduce((sum, s) => sum + (deployments.get(s.deployment)?.migrationCost ?? 1), 0)
  if (budget !== undefined && spent > budget) fail("K7", `migration cost ${spent} exceeds the budget ${budget}`)

  // The replay: K1, K2, K3 in every wave. Loads and counts per node are kept up to date step by step.
  const load = new Map<string, Map<string, number>>()
  const count = new Map<string, Map<string, number>>()
  const add = (table: Map<string, Map<string, number>>, node: string, key: string, by: number): number => {
    const row = table.get(node) ?? new Map<string, number>()
    table.set(node, row)
    const value = (row.get(key) ?? 0) + by
    row.set(key, value)
    return value
  }
  const place = (replica: string, node: string, sign: 1 | -1): void => {
    for (const [k, v] of Object.entries(demandOf(replica))) add(load, node, k, sign * v)
    add(count, node, replicas.get(replica)?.deployment ?? "", sign)
    add(count, node, ALL, sign)
  }
  for (const [replica, node] of at) place(replica, node, 1)
  let peak = 0
  const waveNumbers = [...waves.keys()].sort((a, b) => a - b)
  const lastWave = waveNumbers[waveNumbers.length - 1] ?? 0
  for (const wave of waveNumbers) {
    const steps = waves.get(wave) ?? []
    const limit = options.maxConcurrentMigrations
    if (limit !== undefined && steps.length > limit) {
      fail("K7", `${steps.length} steps in one wave, the limit is ${limit}`, { wave })
    }
    const surge = new Map<string, number>()
    for (const [i, step] of steps) {
      const n = (surge.get(step.deployment) ?? 0) + 1
      surge.set(step.deployment, n)
      const allowed = deployments.get(step.deployment)?.maxSurge ?? 0
      if (n > allowed) {
        fail("K2", `${n} replicas of deployment ${q(step.deployment)} in flight, maxSurge is ${allowed}`, { wave, step: i, replica: step.replica })
      }
    }
    // During the wave a destination holds what it held before plus every arrival; the departing replicas still count.
    for (const [, step] of steps) place(step.replica, step.to, 1)
    for (const [i, step] of steps) {
      const node = nodes.get(step.to)
      for (const [k, v] of load.get(step.to) ?? []) {
        const capacity = node?.capacity[k] ?? 0
        if (v > capacity) fail("K1", `${k} load ${v} exceeds capacity ${capacity} during the wave`, { wave, step: i, node: step.to })
        if (capacity > 0) peak = Math.max(peak, v / capacity)
      }
      const max = deployments.get(step.deployment)?.maxReplicasPerNode
      const held = count.get(step.to)?.get(step.deployment) ?? 0
      if (max !== undefined && held > max) {
        fail("K3", `${held} replicas of deployment ${q(step.deployment)} during the wave, maxReplicasPerNode is ${max}`, { wave, step: i, node: step.to })
      }
    }
    for (const [, step] of steps) {
      place(step.replica, step.from, -1)
      at.set(step.replica, step.to)
    }
    // K4 (release): a node is released after the wave of its last departure, empty.
    for (const [node, afterWave] of releasedNodes) {
      if (afterWave === wave && (count.get(node)?.get(ALL) ?? 0) > 0) fail("K4", `released node ${q(node)} is not empty after wave ${wave}`, { wave, node })
    }
  }

  // K4: the released nodes are exactly the nodes the plan empties, each after its last departure.
  const after = nonEmpty()
  for (const node of before) {
    if (!after.has(node) && !releasedNodes.has(node)) fail("K4", `node ${q(node)} ends empty but is not listed as released`, { node })
  }
  for (const [node, afterWave] of releasedNodes) {
    if (!before.has(node)) fail("K4", `node ${q(node)} was empty before the plan`, { node })
    if (after.has(node)) fail("K4", `released node ${q(node)} still holds replicas`, { node })
    const last = plan.steps.filter((s) => s.from === node).reduce((w, s) => Math.max(w, s.wave), 0)
    if (afterWave !== last) fail("K4", `node ${q(node)} is empty after wave ${last}, the plan says ${afterWave}`, { node })
  }
  if (plan.released.length !== releasedNodes.size) fail("K4", "a node is released twice")

  // K8: the final placement is the replay's, replica for replica.
  if (plan.placement.length !== at.size) fail("K8", `the placement lists ${plan.placement.length} replicas, the snapshot has ${at.size}`)
  const listed = new Set<string>()
  for (const p of plan.placement) {
    if (listed.has(p.replica)) fail("K8", `replica ${q(p.replica)} is placed twice`, { replica: p.replica })
    listed.add(p.replica)
    if (at.get(p.replica) !== p.node) {
      fail("K8", `replica ${q(p.replica)} ends on ${q(at.get(p.replica) ?? "nowhere")}, the placement says ${q(p.node)}`, { replica: p.replica, node: p.node })
    }
  }

  // K9: never more nodes or cost, and the metrics say what happened.
  const cost = (set: Set<string>): number => [...set].reduce((sum, n) => sum + (nodes.get(n)?.cost ?? 0), 0)
  if (after.size > before.size) fail("K9", `the plan raises the node count from ${before.size} to ${after.size}`)
  if (cost(after) > cost(before)) fail("K9", `the plan raises the cost from ${cost(before)} to ${cost(after)}`)
  if (plan.steps.length > 0 && after.size === before.size && cost(after) === cost(before)) {
    fail("K9", `${plan.steps.length} migrations that lower neither the node count nor the cost`)
  }
  const m = plan.metrics
  const expected = {
    nodesBefore: before.size,
    nodesAfter: after.size,
    migrations: plan.steps.length,
    waves: waveNumbers.length
  }
  for (const [key, value] of Object.entries(expected)) {
    if (m[key as keyof typeof expected] !== value) fail("K9", `metrics.${key} is ${m[key as keyof typeof expected]}, the replay says ${value}`)
  }
  if (waveNumbers.length > 0 && lastWave !== waveNumbers.length) fail("K9", `waves are not numbered 1..${waveNumbers.length}`)
  return { waves: waveNumbers.length, migrations: plan.steps.length, released: plan.released.length, peakUtilization: peak }
}
