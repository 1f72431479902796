/**
 * The compaction quality benchmark: the seeded generators from 10 to 10,000
 * nodes and the classic bin-packing families (`classic.ts`), the planner
 * against references run in the same process (no compaction, Ray's
 * algorithm to its fixpoint, a cluster-autoscaler-style sequential drain,
 * a Karpenter-style prefix search, FFD and dot-product repacks from scratch,
 * L1/L2 lower bounds), every plan checked by `verify`. Also budget-bound
 * runs and 20 rounds of plan / perturb / re-plan. Writes
 * docs/bench/compaction.{json,md,svg}.
 *
 * `npm run bench` (or `-- --quick` for a short smoke run that checks nothing about speed;
 * `--render` writes the report again from the last run's JSON, measuring nothing;
 * `--only NAME` measures again only the cases whose generator starts with NAME, e.g.
 * `node --expose-gc dist/bench/compaction/run.js --only speed` after a change to speed alone,
 * and replaces them in the last run's figures).
 */
import { Either } from "effect"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { Compaction } from "../../src/index.js"
import * as G from "../../src/testing/generators.js"
import { churn, type ChurnRound } from "./churn.js"
import { classicCases } from "./classic.js"
import { flatten, migrationLowerBound } from "./cluster.js"
import { type Case, type CaseResult, runCase } from "./measure.js"
import { renderMarkdown, renderSvg } from "./report.js"

const quick = process.argv.includes("--quick")
const rerender = process.argv.includes("--render")
const onlyAt = process.argv.indexOf("--only")
const only = onlyAt < 0 ? undefined : process.argv[onlyAt + 1]
if (onlyAt >= 0 && (only === undefined || only.startsWith("--"))) {
  console.error("bench/compaction: --only needs a generator name, e.g. --only speed")
  process.exit(2)
}

const seeds = (n: number): Array<number> => Array.from({ length: quick ? 1 : n }, (_, i) => i + 1)
const ladder = (max: number): Array<number> => [10, 100, 1000, 10_000].filter((n) => n <= (quick ? Math.min(max, 100) : max))

const generated: ReadonlyArray<Case> = [
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

/** The order of the run: the classic families and the speed cases first, the slow 1,000-node references last. */
const runOrder = (c: Case): number => (c.classic !== undefined ? 0 : c.generator.startsWith("speed") ? 1 : 2)
const ordered: ReadonlyArray<Case> = [...classicCases({ quick }), ...generated].sort((a, b) => runOrder(a) - runOrder(b))

interface Saved {
  readonly machine: string
  readonly results: ReadonlyArray<CaseResult>
  readonly budget: ReadonlyArray<BudgetRun>
  readonly churn: ReadonlyArray<ChurnRound>
  /** Cases measured so far, in a partial run. */
  readonly done?: number
}

const write = (suffix: string, saved: Saved): void => {
  const note = saved.done === undefined ? undefined : `A partial run: ${saved.done} of ${ordered.length} cases, no budget runs or churn rounds yet.`
  writeFileSync(`docs/bench/compaction${suffix}.md`, renderMarkdown(saved.machine, saved.results, saved.budget, saved.churn, note))
  writeFileSync(`docs/bench/compaction${suffix}.svg`, renderSvg(saved.results))
  console.log(`wrote docs/bench/compaction${suffix}.{json,md,svg}`)
}

/** Writes the figures (and the report from them); a partial run says how far it got, so a long run stopped early still leaves a report. */
const save = (suffix: string, saved: Saved): void => {
  mkdirSync("docs/bench", { recursive: true })
  writeFileSync(`docs/bench/compaction${suffix}.json`, `${JSON.stringify(saved, null, 1)}\n`)
  write(suffix, saved)
}

const main = (): void => {
  const suffix = quick ? ".quick" : ""
  if (rerender) {
    // The report again from the figures of the last run (after a change to the report alone).
    const saved = JSON.parse(readFileSync(`docs/bench/compaction${suffix}.json`, "utf8")) as Saved
    return write(suffix, saved)
  }
  const machine = `Node ${process.version}, ${process.platform}/${process.arch}`
  if (only !== undefined) return remeasure(suffix, machine, only)
  const results: Array<CaseResult> = []
  for (const c of ordered) {
    results.push(runCase(c))
    save(suffix, { machine, results, budget: [], churn: [], done: results.length })
  }
  const budget = quick ? [] : budgetRuns()
  const rounds = churn(quick ? 3 : 20, quick ? 100 : 1000)
  save(suffix, { machine, results, budget, churn: rounds })
}

/** The identity of a case in a saved run. */
const caseKey = (c: Pick<CaseResult, "generator" | "nodes" | "classic">): string =>
  JSON.stringify([c.generator, c.nodes, c.classic?.family, c.classic?.start, c.classic?.items])

/** Measures again the cases whose generator starts with `name`, and puts them in place of their figures in the last run's. */
const remeasure = (suffix: string, machine: string, name: string): void => {
  const saved = JSON.parse(readFileSync(`docs/bench/compaction${suffix}.json`, "utf8")) as Saved
  const chosen = ordered.filter((c) => c.generator.startsWith(name))
  if (chosen.length === 0) {
    console.error(`bench/compaction: no case's generator starts with ${JSON.stringify(name)}`)
    process.exit(2)
  }
  const fresh = new Map(chosen.map((c) => [caseKey(c), runCase(c)]))
  const known = new Set(saved.results.map(caseKey))
  const results = [...saved.results.map((r) => fresh.get(caseKey(r)) ?? r), ...[...fresh].filter(([key]) => !known.has(key)).map(([, r]) => r)]
  save(suffix, { ...saved, machine, results })
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
