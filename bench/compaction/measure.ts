/**
 * One benchmark case measured: the planner (repeated for its times, its plan
 * checked by `verify`, re-planned for the fixpoint, planned again with
 * unlimited surge for its levels, and for the classic families planned with
 * idle nodes added) and the references on the same snapshot, with the lower
 * bounds. Shared by `run.ts` (the report) and `quality.ts` (the quick table).
 */
import { Either } from "effect"
import { getHeapStatistics } from "node:v8"
import { afterPlan } from "../../spec/compaction.js"
import { Compaction } from "../../src/index.js"
import type { Start } from "../../src/testing/classic.js"
import type * as G from "../../src/testing/generators.js"
import { type Bounds, bounds, type Flat, flatten, migrationLowerBound, usedCount } from "./cluster.js"
import { prefixSearch, rayFixpoint, type ReferenceResult, repack, sequentialDrain } from "./references.js"

/** A classic family's case: where its replicas start, and the same cluster with idle nodes added. */
export interface ClassicCase {
  readonly family: string
  readonly start: Start
  readonly items: number
  readonly emptyNodes: number
  readonly withEmptyNodes: (seed: number) => G.Generated
}

/** One generator at one size: how to make a snapshot from a seed. */
export interface Case {
  readonly generator: string
  readonly nodes: number
  readonly seeds: ReadonlyArray<number>
  readonly make: (seed: number) => G.Generated
  readonly classic?: ClassicCase
}

export interface AlgorithmResult {
  readonly nodesAfter: number
  readonly migrations: number
  readonly rounds: number | undefined
  readonly complete: boolean
  readonly ms: number
}

export interface SeedResult {
  readonly seed: number
  readonly replicas: number
  readonly nodesBefore: number
  readonly costBefore: number
  readonly optimum: number | undefined
  readonly lowerBound: number
  readonly bounds: Bounds
  /** One replica on every non-empty node, all movable, every node releasable and open: every packing is reachable. */
  readonly reachable: boolean
  readonly planner: AlgorithmResult & {
    readonly costAfter: number
    readonly waves: number
    readonly levels: number
    readonly migrationLowerBound: number
    readonly times: ReadonlyArray<number>
    readonly heapMiB: number
    readonly violations: number
    readonly replanReleases: number
  }
  /** The planner on the same cluster with idle nodes added (classic families). */
  readonly withEmptyNodes?: { readonly emptyNodes: number; readonly nodesAfter: number; readonly violations: number }
  readonly references: Readonly<Record<string, AlgorithmResult>>
}

export interface CaseResult {
  readonly generator: string
  readonly nodes: number
  readonly classic?: { readonly family: string; readonly start: Start; readonly items: number }
  readonly seeds: ReadonlyArray<SeedResult>
}

const timed = (run: () => ReferenceResult): AlgorithmResult => {
  const started = performance.now()
  const result = run()
  return { ...result, ms: performance.now() - started }
}

const gcNow = (): void => (globalThis as { gc?: () => void }).gc?.()

/** The same snapshot with unlimited surge: its plan's waves are the plan's dependency levels. */
const unlimitedSurge = (s: Compaction.Snapshot): Compaction.Snapshot => ({
  ...s,
  deployments: s.deployments.map((d) => (d.maxSurge > 0 ? { ...d, maxSurge: 1_000_000_000 } : d)),
  options: { ...(s.options ?? { objective: "nodes", seed: 0 }), maxConcurrentMigrations: undefined } as Compaction.PlanOptions
})

const runPlanner = (s: Compaction.Snapshot, f: Flat, repeats: number, withLevels: boolean): SeedResult["planner"] => {
  const times: Array<number> = []
  let plan: Compaction.Plan | undefined
  let heapMiB = 0
  // One untimed run first: the timed ones measure the planner, not the JIT compiling it for this cluster's shapes.
  Compaction.plan(s)
  for (let i = 0; i < repeats; i++) {
    gcNow()
    const before = getHeapStatistics().used_heap_size
    const started = performance.now()
    plan = Compaction.plan(s)
    times.push(performance.now() - started)
    heapMiB = Math.max(heapMiB, (getHeapStatistics().total_heap_size - before) / 2 ** 20, 0)
  }
  const p = plan as Compaction.Plan
  const violations = Either.isLeft(Compaction.verify(s, p)) ? 1 : 0
  const replan = Compaction.plan(afterPlan(s, p))
  const levels = withLevels ? Compaction.plan(unlimitedSurge(s)).metrics.waves : NaN
  return {
    nodesAfter: p.metrics.nodesAfter,
    costAfter: p.metrics.costAfter,
    migrations: p.metrics.migrations,
    rounds: undefined,
    complete: p.metrics.complete,
    ms: times[0] ?? 0,
    waves: p.metrics.waves,
    levels,
    migrationLowerBound: migrationLowerBound(f, p.metrics.nodesAfter),
    times,
    heapMiB,
    violations,
    replanReleases: replan.released.length
  }
}

const reachable = (f: Flat): boolean => {
  const perNode = new Map<number, number>()
  for (const r of f.replicas) perNode.set(r.node, (perNode.get(r.node) ?? 0) + 1)
  return [...perNode.values()].every((c) => c === 1) && f.replicas.every((r) => r.movable) && f.nodes.every((n) => n.releasable && n.accepts)
}

/**
 * Which references run where. Ray's algorithm is O(N²) per round: every seed
 * up to `RAY_EVERY_SEED` nodes (500 on the classic families, whose cases are
 * the point of the comparison), the first seed up to 1,000, never on the
 * speed case. The prefix search and the dot-product repack up to 2,000
 * nodes. The classic families run only Ray and the FFD repacks.
 */
const RAY_EVERY_SEED = { classic: 500, other: 100 } as const
const RAY_FIRST_SEED = 1000
const SEARCH_LIMIT = 2000
/** Time limit of the sequential references (ms): they are cut off, and said so, past it. */
const REFERENCE_TIME_LIMIT_MS = 30_000

export const runSeed = (c: Case, seed: number): SeedResult => {
  const generated = c.make(seed)
  const s = Either.getOrThrow(Compaction.validate(generated.snapshot))
  const f = flatten(s)
  const before = usedCount(f.replicas.map((r) => r.node))
  const planner = runPlanner(s, f, c.nodes >= 10_000 ? 2 : 3, c.nodes < 10_000 || seed === c.seeds[0])
  const references: Record<string, AlgorithmResult> = {
    "no compaction": { nodesAfter: before, migrations: 0, rounds: 0, complete: true, ms: 0 }
  }
  const nodes = s.nodes.length
  const everySeed = c.classic === undefined ? RAY_EVERY_SEED.other : RAY_EVERY_SEED.classic
  if (nodes <= everySeed || (nodes <= RAY_FIRST_SEED && seed === c.seeds[0] && !c.generator.startsWith("speed"))) {
    references["Ray"] = timed(() => rayFixpoint(s))
  }
  if (c.classic === undefined) {
    references["sequential drain"] = timed(() => sequentialDrain(f, REFERENCE_TIME_LIMIT_MS))
    if (nodes <= SEARCH_LIMIT) references["prefix search"] = timed(() => prefixSearch(f, REFERENCE_TIME_LIMIT_MS))
  }
  references["FFD-sum repack"] = timed(() => repack(f, "ffd-sum"))
  references["FFD-max repack"] = timed(() => repack(f, "ffd-max"))
  if (c.classic === undefined && nodes <= SEARCH_LIMIT) references["dot-product repack"] = timed(() => repack(f, "dot-product"))
  const b = bounds(f)
  return {
    seed,
    replicas: s.replicas.length,
    nodesBefore: before,
    costBefore: s.nodes.reduce((sum, n) => sum + (s.replicas.some((r) => r.node === n.id) ? n.cost : 0), 0),
    optimum: generated.optimum,
    lowerBound: b.best,
    bounds: b,
    reachable: reachable(f),
    planner,
    ...(c.classic === undefined ? {} : { withEmptyNodes: withEmptyNodes(c.classic, seed) }),
    references
  }
}

const withEmptyNodes = (c: ClassicCase, seed: number): NonNullable<SeedResult["withEmptyNodes"]> => {
  const s = Either.getOrThrow(Compaction.validate(c.withEmptyNodes(seed).snapshot))
  const plan = Compaction.plan(s)
  return { emptyNodes: c.emptyNodes, nodesAfter: plan.metrics.nodesAfter, violations: Either.isLeft(Compaction.verify(s, plan)) ? 1 : 0 }
}

/** The best known target of a seed: the optimum where the generator proves it, else the best lower bound. */
export const target = (s: SeedResult): number => s.optimum ?? s.lowerBound

/** The better of the two first-fit-decreasing repacks from scratch (they are the same in one resource). */
export const ffd = (s: SeedResult): number | undefined => {
  const runs = [s.references["FFD-sum repack"], s.references["FFD-max repack"]].filter((r) => r !== undefined && r.complete)
  return runs.length === 0 ? undefined : Math.min(...runs.map((r) => r?.nodesAfter ?? Infinity))
}

/** Runs a case on every seed, printing its time. */
export const runCase = (c: Case): CaseResult => {
  const started = performance.now()
  const result: CaseResult = {
    generator: c.generator,
    nodes: c.nodes,
    ...(c.classic === undefined ? {} : { classic: { family: c.classic.family, start: c.classic.start, items: c.classic.items } }),
    seeds: c.seeds.map((seed) => runSeed(c, seed))
  }
  console.log(`${c.generator} ${c.nodes}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return result
}
