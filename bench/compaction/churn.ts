/**
 * Plan / perturb / re-plan: the residue scenario, planned and applied, then
 * every deployment scaled by ±10 % (new replicas land on a random non-empty
 * node with room), for a number of rounds. Counts flapping: a re-plan of a
 * plan's own result that releases something, replicas moved in two rounds in
 * a row, replicas moved back to a node they left.
 */
import { Either } from "effect"
import { afterPlan } from "../../spec/compaction.js"
import { Compaction } from "../../src/index.js"
import { seededRandom } from "../../src/internal/random.js"
import * as G from "../../src/testing/generators.js"

export interface ChurnRound {
  readonly round: number
  readonly replicas: number
  readonly nodesBefore: number
  readonly nodesAfter: number
  readonly migrations: number
  readonly violations: number
  readonly replanReleases: number
  readonly movedInPreviousRound: number
  readonly movedBack: number
}

const perturb = (s: Compaction.Snapshot, random: () => number, round: number): Compaction.Snapshot => {
  const deployments = new Map(s.deployments.map((d) => [d.id, d]))
  const load = new Map<string, Map<string, number>>()
  const bump = (node: string, demand: Readonly<Record<string, number>>, sign: number) => {
    const row = load.get(node) ?? new Map<string, number>()
    load.set(node, row)
    for (const [k, v] of Object.entries(demand)) row.set(k, (row.get(k) ?? 0) + sign * v)
  }
  for (const r of s.replicas) bump(r.node, deployments.get(r.deployment)?.demand ?? {}, 1)
  const used = [...new Set(s.replicas.map((r) => r.node))]
  const capacity = new Map(s.nodes.map((n) => [n.id, n.capacity]))
  let replicas = [...s.replicas]
  let added = 0
  for (const d of s.deployments) {
    const mine = replicas.filter((r) => r.deployment === d.id)
    const change = Math.max(1, Math.round(mine.length * 0.1))
    if (random() < 0.5) {
      const drop = new Set(mine.filter(() => random() < change / Math.max(1, mine.length)).map((r) => r.id))
      for (const r of mine) if (drop.has(r.id)) bump(r.node, d.demand, -1)
      replicas = replicas.filter((r) => !drop.has(r.id))
    } else {
      for (let i = 0; i < change; i++) {
        const node = used[Math.floor(random() * used.length)] ?? ""
        const fits = Object.entries(d.demand).every(([k, v]) => (load.get(node)?.get(k) ?? 0) + v <= (capacity.get(node)?.[k] ?? 0))
        const count = replicas.filter((r) => r.node === node && r.deployment === d.id).length
        if (!fits || (d.maxReplicasPerNode !== undefined && count >= d.maxReplicasPerNode)) continue
        bump(node, d.demand, 1)
        replicas.push({ id: `c${round}-${added++}`, deployment: d.id, node, movable: true })
      }
    }
  }
  return { ...s, replicas }
}

/** Runs the rounds on the residue scenario at the given size. */
export const churn = (rounds: number, nodes: number): Array<ChurnRound> => {
  let s = Either.getOrThrow(Compaction.validate(G.residue({ nodes }, 7).snapshot))
  const random = seededRandom(7)
  const result: Array<ChurnRound> = []
  let movedBefore = new Set<string>()
  const left = new Map<string, Set<string>>()
  for (let round = 1; round <= rounds; round++) {
    const plan = Compaction.plan(s)
    const violations = Either.isLeft(Compaction.verify(s, plan)) ? 1 : 0
    const after = afterPlan(s, plan)
    const moved = new Set(plan.steps.map((st) => st.replica))
    let movedBack = 0
    for (const st of plan.steps) {
      if (left.get(st.replica)?.has(st.to) === true) movedBack++
      left.set(st.replica, (left.get(st.replica) ?? new Set()).add(st.from))
    }
    result.push({
      round,
      replicas: s.replicas.length,
      nodesBefore: plan.metrics.nodesBefore,
      nodesAfter: plan.metrics.nodesAfter,
      migrations: plan.metrics.migrations,
      violations,
      replanReleases: Compaction.plan(after).released.length,
      movedInPreviousRound: [...moved].filter((r) => movedBefore.has(r)).length,
      movedBack
    })
    movedBefore = moved
    s = perturb(after, random, round)
  }
  return result
}
