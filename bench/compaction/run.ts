/**
 * The compaction quality benchmark: the seeded generators from 10 to 10,000
 * nodes, the planner against references run in the same process (no
 * compaction, Ray's algorithm, a cluster-autoscaler-style sequential drain,
 * a Karpenter-style prefix search, FFD and dot-product repacks from scratch,
 * L1/L2 lower bounds), every plan checked by `verify`. Also budget-bound
 * runs and 20 rounds of plan / perturb / re-plan. Writes
 * docs/bench/compaction.{json,md,svg}.
 *
 * `npm run bench` (or `-- --quick` for a short smoke run that checks nothing about speed).
 */
import { Either } from "effect"
import { mkdirSync, writeFileSync } from "node:fs"
import { getHeapStatistics } from "node:v8"
import { afterPlan } from "../../spec/compaction.js"
import { Compaction } from "../../src/index.js"
import * as G from "../../src/testing/generators.js"
import { type Flat, flatten, lowerBound, migrationLowerBound, usedCount } from "./cluster.js"
import { prefixSearch, type ReferenceResult, repack, sequentialDrain } from "./references.js"
import { churn } from "./churn.js"
import { renderMarkdown, renderSvg } from "./report.js"

const quick = process.argv.includes("--quick")

/** One generator at one size: how to make a snapshot from a seed, and which references can afford it. */
export interface Case {
  readonly generator: string
  readonly nodes: number
  readonly seeds: ReadonlyArray<number>
  readonly make: (seed: number) => G.Generated
}

const seeds = (n: number): Array<number> => Array.from({ length: quick ? 1 : n }, (_, i) => i + 1)
const ladder = (max: number): Array<number> => [10, 100, 1000, 10_000].filter((n) => n <= (quick ? Math.min(max, 100) : max))

const cases: ReadonlyArray<Case> = [
  ...ladder(10_000).map((n) => ({ generator: "residue", nodes: n, seeds: seeds(n >= 10_000 ? 3 : 5), make: (s: number) => G.residue({ nodes: n }, s) })),
  ...ladder(10_000).map((n) => ({ generator: "planted", nodes: n, seeds: seeds(n >= 10_000 ? 3 : 5), make: (s: number) => G.planted({ optimum: n / 2 }, s) })),
  ...[1, 5, 20, 100].filter((m) => !quick || m <= 5).map((m) => ({ generator: "ffd-trap", nodes: 18 * m, seeds: seeds(3), make: (s: number) => G.ffdTrap({ m }, s) })),
  ...ladder(1000).map((n) => ({ generator: "anti-correlated", nodes: n, seeds: seeds(3), make: (s: number) => G.antiCorrelated({ pairs: n / 2 }, s) })),
  ...ladder(1000).map((n) => ({ generator: "gpu-stranding (cost)", nodes: n, seeds: seeds(3), make: (s: number) => G.gpuStranding({ nodes: n }, s) })),
  ...ladder(1000).map((n) => ({ generator: "spread", nodes: n, seeds: seeds(3), make: (s: number) => G.spread({ nodes: n }, s) })),
  ...ladder(1000).map((n) => ({ generator: "make-room", nodes: Math.floor(n / 3) * 3 || 3, seeds: seeds(3), make: (s: number) => G.makeRoom({ groups: Math.max(1, Math.floor(n / 3)) }, s) })),
  ...ladder(1000).map((n) => ({ generator: "pinned", nodes: n, seeds: seeds(3), make: (s: number) => G.pinned({ nodes: n }, s) })),
  ...ladder(10_000).filter((n) => n >= 1000).map((n) => ({ generator: "speed (5 replicas per node)", nodes: n, seeds: seeds(3), make: (s: number) => G.planted({ optimum: n / 2, perBin: 10 }, s) }))
]

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
  readonly references: Readonly<Record<string, AlgorithmResult>>
}

export interface CaseResult {
  readonly generator: string
  readonly nodes: number
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

const runSeed = (c: Case, seed: number): SeedResult => {
  const generated = c.make(seed)
  const s = Either.getOrThrow(Compaction.validate(generated.snapshot))
  const f = flatten(s)
  const before = usedCount(f.replicas.map((r) => r.node))
  const planner = runPlanner(s, f, c.nodes >= 10_000 ? 2 : 3, c.nodes < 10_000 || seed === c.seeds[0])
  const references: Record<string, AlgorithmResult> = {
    "no compaction": { nodesAfter: before, migrations: 0, rounds: 0, complete: true, ms: 0 }
  }
  // Ray's algorithm is O(N²) per round: every seed up to 100 nodes, the first seed at 1,000 (not on the speed case).
  if (c.nodes <= 100 || (c.nodes <= 1000 && seed === c.seeds[0] && !c.generator.startsWith("speed"))) {
    references["Ray"] = timed(() => {
      const plan = Compaction.rayCompaction(s)
      if (Either.isLeft(Compaction.verify(s, plan))) throw new Error(`Ray's plan fails verify on ${c.generator} ${c.nodes} seed ${seed}`)
      return { nodesAfter: plan.metrics.nodesAfter, migrations: plan.metrics.migrations, rounds: plan.released.length, complete: true }
    })
  }
  references["sequential drain"] = timed(() => sequentialDrain(f, 30_000))
  if (c.nodes <= 2000) references["prefix search"] = timed(() => prefixSearch(f, 30_000))
  references["FFD-sum repack"] = timed(() => repack(f, "ffd-sum"))
  references["FFD-max repack"] = timed(() => repack(f, "ffd-max"))
  if (c.nodes <= 2000) references["dot-product repack"] = timed(() => repack(f, "dot-product"))
  return {
    seed,
    replicas: s.replicas.length,
    nodesBefore: before,
    costBefore: s.nodes.reduce((sum, n) => sum + (s.replicas.some((r) => r.node === n.id) ? n.cost : 0), 0),
    optimum: generated.optimum,
    lowerBound: lowerBound(f),
    planner,
    references
  }
}

const main = (): void => {
  const results: Array<CaseResult> = []
  for (const c of cases) {
    const started = performance.now()
    results.push({ generator: c.generator, nodes: c.nodes, seeds: c.seeds.map((seed) => runSeed(c, seed)) })
    console.log(`${c.generator} ${c.nodes}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  const budget = quick ? [] : budgetRuns()
  const rounds = churn(quick ? 3 : 20, quick ? 100 : 1000)
  const machine = `Node ${process.version}, ${process.platform}/${process.arch}`
  const suffix = quick ? ".quick" : ""
  mkdirSync("docs/bench", { recursive: true })
  writeFileSync(`docs/bench/compaction${suffix}.json`, `${JSON.stringify({ machine, results, budget, churn: rounds }, null, 1)}\n`)
  writeFileSync(`docs/bench/compaction${suffix}.md`, renderMarkdown(machine, results, budget, rounds))
  writeFileSync(`docs/bench/compaction${suffix}.svg`, renderSvg(results))
  console.log(`wrote docs/bench/compaction${suffix}.{json,md,svg}`)
}

export interface BudgetRun {
  readonly budgetShare: number
  readonly budget: number
  readonly concurrency: number | undefined
  readonly released: number
  readonly migrations: number
  readonly waves: number
  /** The most nodes any plan could release within the budget: the cheapest nodes to empty, while the budget lasts. */
  readonly upperBound: number
}

/** Planted 1,000 nodes with a migration budget of 5–100 % of the migration lower bound at the optimum. */
const budgetRuns = (): Array<BudgetRun> => {
  const generated = G.planted({ optimum: 500 }, 1)
  const s = Either.getOrThrow(Compaction.validate(generated.snapshot))
  const f = flatten(s)
  const full = migrationLowerBound(f, generated.optimum ?? 0)
  const counts = [...f.replicas.reduce((m, r) => m.set(r.node, (m.get(r.node) ?? 0) + 1), new Map<number, number>()).values()].sort((a, b) => a - b)
  return [0.05, 0.1, 0.25, 0.5, 1].flatMap((share) => [undefined, 100].map((concurrency) => {
    const budget = Math.floor(full * share)
    const options = { migrationBudget: budget, ...(concurrency === undefined ? {} : { maxConcurrentMigrations: concurrency }) }
    const plan = Compaction.plan(s, options)
    if (Either.isLeft(Compaction.verify(s, plan, options))) throw new Error(`budget run fails verify at ${share}`)
    let spent = 0
    let upperBound = 0
    for (const c of counts) if ((spent += c) <= budget) upperBound++
    return { budgetShare: share, budget, concurrency, released: plan.released.length, migrations: plan.metrics.migrations, waves: plan.metrics.waves, upperBound }
  }))
}

main()
