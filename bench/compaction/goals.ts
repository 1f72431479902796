/**
 * The goals table of the compaction report: each goal of the planner with
 * the figure measured in this run, marked met or missed.
 */
import { fixed, gap, mean, migrationRatio, over, pct, percentile } from "./figures.js"
import { type CaseResult, ffd, type SeedResult } from "./measure.js"

const row = (goal: string, measured: string, met: boolean | undefined): string =>
  `| ${goal} | ${measured} | ${met === undefined ? "—" : met ? "met" : "**missed**"} |`

interface Run {
  readonly r: CaseResult
  readonly s: SeedResult
}

/** A few of the runs that miss, named: "uniform (Falkenauer U), one-per-node 250 seed 2: 104 for 101". */
const examples = (runs: ReadonlyArray<Run>, show: (run: Run) => string, most = 3): string =>
  runs.length === 0 ? "" : ` (${runs.slice(0, most).map((run) => `${run.r.generator} ${run.r.nodes} seed ${run.s.seed}: ${show(run)}`).join("; ")}${runs.length > most ? "; …" : ""})`

/** Cases planned for cost: their node count is not what the planner minimises. */
const forCost = (r: CaseResult): boolean => r.generator.includes("(cost)")

const references = (all: ReadonlyArray<Run>): Array<string> => {
  const rows: Array<string> = []
  const byNodes = all.filter(({ r }) => !forCost(r))
  const withRay = byNodes.filter(({ s }) => s.references["Ray"] !== undefined)
  const worseThanRay = withRay.filter(({ s }) => s.planner.nodesAfter > (s.references["Ray"]?.nodesAfter ?? Infinity))
  rows.push(row(
    "every family and start: never more nodes than Ray's algorithm (run to its fixpoint) on the same start",
    `more on ${worseThanRay.length} of ${withRay.length} seeds${examples(worseThanRay, ({ s }) => `${s.planner.nodesAfter} for ${s.references["Ray"]?.nodesAfter}`)}`,
    withRay.length === 0 ? undefined : worseThanRay.length === 0
  ))
  const reachable = byNodes.filter(({ s }) => s.reachable && ffd(s) !== undefined)
  const worseThanFfd = reachable.filter(({ s }) => s.planner.nodesAfter > (ffd(s) ?? Infinity))
  rows.push(row(
    "one replica per node (every packing reachable): never more nodes than FFD from scratch (the better of the sum and max orders)",
    `more on ${worseThanFfd.length} of ${reachable.length} seeds${examples(worseThanFfd, ({ s }) => `${s.planner.nodesAfter} for ${ffd(s)}`)}`,
    reachable.length === 0 ? undefined : worseThanFfd.length === 0
  ))
  const idle = all.filter(({ s }) => s.withEmptyNodes !== undefined)
  const changed = idle.filter(({ s }) => s.withEmptyNodes?.nodesAfter !== s.planner.nodesAfter)
  rows.push(row(
    `classic families: adding ${idle[0]?.s.withEmptyNodes?.emptyNodes ?? 0} idle nodes never changes the planner's node count`,
    `changed on ${changed.length} of ${idle.length} seeds${examples(changed, ({ s }) => `${s.planner.nodesAfter} → ${s.withEmptyNodes?.nodesAfter}`)}`,
    idle.length === 0 ? undefined : changed.length === 0
  ))
  return rows
}

const classicMeans = (all: ReadonlyArray<Run>): Array<string> => {
  const rows: Array<string> = []
  const family = (prefix: string, start: string) => all.filter(({ r }) => r.classic?.family.startsWith(prefix) === true && r.classic.start === start)
  const uniform = family("uniform", "one-per-node")
  if (uniform.length > 0) {
    const m = mean(uniform.map(({ s }) => gap(s)))
    const known = uniform.every(({ s }) => s.optimum !== undefined)
    rows.push(row(
      `uniform classes (Falkenauer U), one replica per node: mean ≤ 2 % over the optimum${known ? "" : " (here over the best lower bound, L2 or the count bound: the optimum is not known by construction)"}`,
      `mean ${pct(m)}, worst ${pct(Math.max(...uniform.map(({ s }) => gap(s))))}; FFD ${pct(mean(uniform.map(({ s }) => over(s, ffd(s) ?? NaN))))}; half full: ${pct(mean(family("uniform", "half-full").map(({ s }) => gap(s))))}`,
      m <= 0.02
    ))
  }
  const triplets = family("triplets", "one-per-node")
  if (triplets.length > 0) {
    const m = mean(triplets.map(({ s }) => gap(s)))
    rows.push(row(
      "exact triplets (Falkenauer t), one replica per node: mean ≤ 5 % over the optimum",
      `mean ${pct(m)}, worst ${pct(Math.max(...triplets.map(({ s }) => gap(s))))}; FFD ${pct(mean(triplets.map(({ s }) => over(s, ffd(s) ?? NaN))))}; half full: ${pct(mean(family("triplets", "half-full").map(({ s }) => gap(s))))}`,
      m <= 0.05
    ))
  }
  return rows
}

const scale = (results: ReadonlyArray<CaseResult>): Array<string> => {
  const rows: Array<string> = []
  for (const n of [1000, 10_000]) {
    const seeds = results.filter((r) => r.generator === "planted" && r.nodes === n).flatMap((r) => r.seeds)
    if (seeds.length === 0) continue
    const worstGap = Math.max(...seeds.map(gap))
    const worstRatio = Math.max(...seeds.map(migrationRatio))
    rows.push(row(
      `planted optimum, ${n.toLocaleString("en-US")} nodes: ≤ 2 % over the optimum at ≤ 1.3 × the migration lower bound`,
      `worst ${pct(worstGap)} (mean ${pct(mean(seeds.map(gap)))}) at worst ${fixed(worstRatio, 2)} ×`,
      worstGap <= 0.02 && worstRatio <= 1.3
    ))
  }
  const residue = results.filter((r) => r.generator === "residue" && r.nodes >= 1000).flatMap((r) => r.seeds)
  if (residue.length > 0) {
    const worst = Math.max(...residue.map(gap))
    rows.push(row("scale-down residue, ≥ 1,000 nodes: ≤ 2.5 % over the lower bound", `worst ${pct(worst)} (mean ${pct(mean(residue.map(gap)))})`, worst <= 0.025))
    for (const name of ["sequential drain", "prefix search"]) {
      const compared = residue.filter((s) => s.references[name] !== undefined)
      const worse = compared.filter((s) => s.planner.nodesAfter > (s.references[name]?.nodesAfter ?? Infinity)).length
      rows.push(row(`scale-down residue, ≥ 1,000 nodes: never more nodes than the ${name}`, `more on ${worse} of ${compared.length} seeds`, compared.length === 0 ? undefined : worse === 0))
    }
  }
  const trap = results.filter((r) => r.generator === "ffd-trap")
  if (trap.length > 0) {
    const missed = trap.flatMap((r) => r.seeds.filter((s) => s.planner.nodesAfter > (s.optimum ?? 0)).map((s) => `m = ${r.nodes / 18}: ${s.planner.nodesAfter} for ${s.optimum}`))
    rows.push(row("FFD trap: reach the optimum 9m for m ≤ 100", missed.length === 0 ? "every seed" : `missed: ${missed.slice(0, 4).join("; ")}${missed.length > 4 ? "; …" : ""}`, missed.length === 0))
  }
  return rows
}

const speed = (results: ReadonlyArray<CaseResult>): Array<string> => {
  const rows: Array<string> = []
  for (const [n, p50goal, p95goal] of [[1000, 100, undefined], [10_000, 1000, 1500]] as const) {
    const seeds = results.filter((r) => r.generator === "speed (5 replicas per node)" && r.nodes === n).flatMap((r) => r.seeds)
    if (seeds.length === 0) continue
    const times = seeds.flatMap((s) => s.planner.times)
    const heap = Math.max(...seeds.map((s) => s.planner.heapMiB))
    const p50 = percentile(times, 50)
    const p95 = percentile(times, 95)
    rows.push(row(
      `speed: ${n.toLocaleString("en-US")} nodes / ${(5 * n).toLocaleString("en-US")} replicas in ≤ ${p50goal} ms p50${p95goal === undefined ? "" : `, ≤ ${p95goal} ms p95, heap ≤ 512 MiB`}`,
      `p50 ${fixed(p50, 0)} ms, p95 ${fixed(p95, 0)} ms, heap growth ≤ ${fixed(heap, 0)} MiB`,
      p50 <= p50goal && (p95goal === undefined || (p95 <= p95goal && heap <= 512))
    ))
  }
  return rows
}

/** Every goal with its measured figure: one table. */
export const goals = (results: ReadonlyArray<CaseResult>): Array<string> => {
  const all = results.flatMap((r) => r.seeds.map((s) => ({ r, s })))
  const measured = all.filter(({ s }) => Number.isFinite(s.planner.levels))
  const levels = Math.max(0, ...measured.map(({ s }) => s.planner.levels))
  const deepest = measured.filter(({ s }) => s.planner.levels > 3)
  const rayRounds = Math.max(0, ...all.map(({ s }) => s.references["Ray"]?.rounds ?? 0))
  const violations = all.reduce((sum, { s }) => sum + s.planner.violations + (s.withEmptyNodes?.violations ?? 0), 0)
  const plans = all.length + all.filter(({ s }) => s.withEmptyNodes !== undefined).length
  const flaps = all.filter(({ s }) => s.planner.replanReleases > 0).length
  return [
    "| goal | measured | |",
    "|---|---|---|",
    ...references(all),
    ...classicMeans(all),
    ...scale(results),
    row(
      "waves: ≤ 3 dependency levels at unlimited concurrency",
      `at most ${levels} levels${examples(deepest, ({ s }) => `${s.planner.levels}`)}; Ray: up to ${rayRounds} rounds, one node each`,
      measured.length === 0 ? undefined : levels <= 3
    ),
    ...speed(results),
    row("safety: zero violations found by verify in every run", `${violations} violations in ${plans} plans`, violations === 0),
    row("fixpoint: re-planning the final placement releases nothing", `${flaps} of ${all.length} plans release more when planned again`, flaps === 0)
  ]
}
