/**
 * The compaction benchmark's report: the goals with what was measured,
 * tables per generator (the planner and every reference), the budget curve,
 * the churn rounds, and an SVG of nodes left against migrations.
 */
import type { ChurnRound } from "./churn.js"
import type { BudgetRun, CaseResult, SeedResult } from "./run.js"

const mean = (xs: ReadonlyArray<number>): number => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length)
const percentile = (xs: ReadonlyArray<number>, p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}
const fixed = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : "—")
const pct = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : "—")

/** The best known target of a seed: the planted optimum, else the lower bound. */
const target = (s: SeedResult): number => s.optimum ?? s.lowerBound
const gap = (s: SeedResult): number => (s.planner.nodesAfter - target(s)) / target(s)
const capture = (s: SeedResult): number =>
  s.nodesBefore === target(s) ? 1 : (s.nodesBefore - s.planner.nodesAfter) / (s.nodesBefore - target(s))
const migrationRatio = (s: SeedResult): number =>
  s.planner.migrationLowerBound === 0 ? (s.planner.migrations === 0 ? 1 : Infinity) : s.planner.migrations / s.planner.migrationLowerBound

const REFERENCES = ["Ray", "sequential drain", "prefix search", "FFD-sum repack", "FFD-max repack", "dot-product repack"]

const cell = (seeds: ReadonlyArray<SeedResult>, name: string): string => {
  const runs = seeds.map((s) => s.references[name]).filter((r) => r !== undefined)
  if (runs.length === 0) return "—"
  const incomplete = runs.some((r) => !r.complete) ? " (cut off)" : ""
  return `${fixed(mean(runs.map((r) => r.nodesAfter)))} (${fixed(mean(runs.map((r) => r.migrations)), 0)})${incomplete}`
}

const goalRow = (goal: string, measured: string, met: boolean | undefined): string =>
  `| ${goal} | ${measured} | ${met === undefined ? "—" : met ? "met" : "**missed**"} |`

const find = (results: ReadonlyArray<CaseResult>, generator: string, nodes?: number) =>
  results.filter((r) => r.generator === generator && (nodes === undefined || r.nodes === nodes))

const goals = (results: ReadonlyArray<CaseResult>): Array<string> => {
  const rows = ["| goal | measured | |", "|---|---|---|"]
  for (const n of [1000, 10_000]) {
    const seeds = find(results, "planted", n).flatMap((r) => r.seeds)
    if (seeds.length === 0) continue
    const worstGap = Math.max(...seeds.map(gap))
    const worstRatio = Math.max(...seeds.map(migrationRatio))
    rows.push(goalRow(`planted optimum, ${n.toLocaleString("en-US")} nodes: ≤ 3 % above the optimum (stretch 2 %)`, `worst ${pct(worstGap)}, mean ${pct(mean(seeds.map(gap)))}`, worstGap <= 0.03))
    rows.push(goalRow(`planted optimum, ${n.toLocaleString("en-US")} nodes: migrations ≤ 1.3 × the migration lower bound`, `worst ${fixed(worstRatio, 2)} ×`, worstRatio <= 1.3))
  }
  const residue = results.filter((r) => r.generator === "residue" && r.nodes >= 1000)
  if (residue.length > 0) {
    const seeds = residue.flatMap((r) => r.seeds)
    const worst = Math.max(...seeds.map((s) => s.planner.nodesAfter / s.lowerBound))
    rows.push(goalRow("scale-down residue, ≥ 1,000 nodes: ≤ 2.5 % above the lower bound", `worst ${pct(worst - 1)} above (L1/L2 bound; mean ${pct(mean(seeds.map((s) => s.planner.nodesAfter / s.lowerBound - 1)))})`, worst <= 1.025))
    for (const name of ["Ray", "sequential drain", "prefix search"]) {
      const compared = seeds.filter((s) => s.references[name] !== undefined)
      const worse = compared.filter((s) => s.planner.nodesAfter > (s.references[name]?.nodesAfter ?? Infinity)).length
      rows.push(goalRow(`scale-down residue, ≥ 1,000 nodes: never worse than ${name}`, `worse on ${worse} of ${compared.length} seeds`, compared.length === 0 ? undefined : worse === 0))
    }
  }
  const ffd = results.filter((r) => r.generator === "ffd-trap")
  if (ffd.length > 0) {
    const missed = ffd.flatMap((r) => r.seeds.filter((s) => s.planner.nodesAfter > (s.optimum ?? 0)).map((s) => `m = ${r.nodes / 18}: ${s.planner.nodesAfter} for ${s.optimum}`))
    rows.push(goalRow("FFD-adversarial: reach the optimum 9m for m ≤ 100", missed.length === 0 ? "every seed" : `missed: ${missed.slice(0, 4).join("; ")}${missed.length > 4 ? "; …" : ""}`, missed.length === 0))
  }
  const all = results.flatMap((r) => r.seeds.map((s) => ({ r, s })))
  const measured = all.filter(({ s }) => Number.isFinite(s.planner.levels))
  const levels = Math.max(...measured.filter(({ r }) => r.generator !== "make-room").map(({ s }) => s.planner.levels))
  const makeRoomLevels = Math.max(0, ...measured.filter(({ r }) => r.generator === "make-room").map(({ s }) => s.planner.levels))
  const rayRounds = Math.max(0, ...all.map(({ s }) => s.references["Ray"]?.rounds ?? 0))
  rows.push(goalRow("waves: ≤ 2 dependency levels at unlimited concurrency (3 when room must be made)", `at most ${levels} levels (${makeRoomLevels} on make-room); Ray: up to ${rayRounds} rounds, one node each`, levels <= 2 && makeRoomLevels <= 3))
  for (const [n, p50goal, p95goal] of [[1000, 100, undefined], [10_000, 1000, 1500]] as const) {
    const seeds = find(results, "speed (5 replicas per node)", n).flatMap((r) => r.seeds)
    if (seeds.length === 0) continue
    const times = seeds.flatMap((s) => s.planner.times)
    const heap = Math.max(...seeds.map((s) => s.planner.heapMiB))
    const p50 = percentile(times, 50)
    const p95 = percentile(times, 95)
    rows.push(goalRow(
      `speed: ${n.toLocaleString("en-US")} nodes / ${(5 * n).toLocaleString("en-US")} replicas in ≤ ${p50goal} ms p50${p95goal === undefined ? "" : `, ≤ ${p95goal} ms p95, heap ≤ 512 MiB`}`,
      `p50 ${fixed(p50, 0)} ms, p95 ${fixed(p95, 0)} ms, heap growth ≤ ${fixed(heap, 0)} MiB`,
      p50 <= p50goal && (p95goal === undefined || (p95 <= p95goal && heap <= 512))
    ))
  }
  const violations = all.reduce((sum, { s }) => sum + s.planner.violations, 0)
  const flaps = all.filter(({ s }) => s.planner.replanReleases > 0).length
  rows.push(goalRow("safety: zero violations found by verify in every run", `${violations} violations in ${all.length} plans`, violations === 0))
  rows.push(goalRow("fixpoint: re-planning the final placement releases nothing", `${flaps} of ${all.length} plans release more when planned again`, flaps === 0))
  return rows
}

const caseTable = (cases: ReadonlyArray<CaseResult>): Array<string> => {
  const rows = [
    `| nodes | replicas | non-empty before | optimum / LB | planner: nodes after | gap | savings captured | migrations (× migLB) | waves / levels | plan p50 / p95 ms | ${REFERENCES.join(" | ")} |`,
    `|${"---|".repeat(10 + REFERENCES.length)}`
  ]
  for (const c of cases) {
    const s = c.seeds
    const times = s.flatMap((x) => x.planner.times)
    const known = s.every((x) => x.optimum !== undefined)
    rows.push([
      c.nodes.toLocaleString("en-US"),
      fixed(mean(s.map((x) => x.replicas)), 0),
      fixed(mean(s.map((x) => x.nodesBefore))),
      `${fixed(mean(s.map(target)))} ${known ? "(opt)" : "(LB)"}`,
      fixed(mean(s.map((x) => x.planner.nodesAfter))),
      pct(mean(s.map(gap))),
      pct(mean(s.map(capture))),
      `${fixed(mean(s.map((x) => x.planner.migrations)), 0)} (${fixed(mean(s.map(migrationRatio)), 2)} ×)`,
      `${fixed(mean(s.map((x) => x.planner.waves)))} / ${Math.max(...s.map((x) => x.planner.levels).filter(Number.isFinite))}`,
      `${fixed(percentile(times, 50), 1)} / ${fixed(percentile(times, 95), 1)}`,
      ...REFERENCES.map((name) => cell(s, name))
    ].join(" | ").replace(/^/, "| ").concat(" |"))
  }
  return rows
}

export const renderMarkdown = (
  machine: string,
  results: ReadonlyArray<CaseResult>,
  budget: ReadonlyArray<BudgetRun>,
  churn: ReadonlyArray<ChurnRound>
): string => {
  const lines = [
    "# Compaction benchmark",
    "",
    `Generated by \`npm run bench\` (\`bench/compaction/run.ts\`) on ${machine}, 2 cores. Every plan is checked by`,
    "`verify`. Means over the seeds (5 per size up to 1,000 nodes, 3 at 10,000). A reference cell reads",
    "\"nodes left (migrations)\". The gap is to the planted optimum where the generator knows it, else to the",
    "best lower bound (L1 and L2 per resource, pinned nodes, per-node limits). Savings captured = released /",
    "(non-empty before − optimum or bound). migLB = the fewest migrations that can leave that many nodes (the",
    "smallest per-node replica counts). Levels = the waves of the same plan with unlimited surge and concurrency.",
    "Repacks place every replica from scratch: they have no make-before-break order and are shown for their",
    "node count only. Ray's algorithm is O(N²) per round: it runs on every seed up to 100 nodes and on the first",
    "seed at 1,000; the prefix search and the dot-product repack run up to 2,000 nodes. At 10,000 nodes the levels",
    "are measured on the first seed.",
    "",
    "## Goals",
    "",
    ...goals(results),
    "",
    "Why the misses (structural, so they do not change from run to run):",
    "- quality on planted, residue and the FFD trap: the planner drains one node at a time, best fit, with one",
    "  level of make-room moves, and moves each replica at most once (K6). It does not assemble exact fills of",
    "  a kept node's free room (bin completion), which is what the planted optimum and the 9m FFD packing need;",
    "  the repacks get closer in nodes but move about twice as many replicas and have no safe order. The",
    "  sequential drain moves replicas again and again, which the planner does not allow.",
    "- levels: the planner plans its own result and merges it until nothing more is released (so the fixpoint",
    "  holds by construction); a merge re-orders the moves and can add levels beyond two.",
    "- speed: about half the time is that second search on the result; most of the rest is drains that fail",
    "  in a nearly packed cluster.",
    "",
    "![nodes left against migrations](compaction.svg)",
    ""
  ]
  for (const generator of [...new Set(results.map((r) => r.generator))]) {
    lines.push(`## ${generator}`, "", ...caseTable(results.filter((r) => r.generator === generator)), "")
  }
  if (budget.length > 0) {
    lines.push(
      "## Budget-bound runs (planted, 1,000 nodes)",
      "",
      "Budget as a share of the migration lower bound at the optimum. Upper bound: the most nodes any plan could",
      "empty within the budget (the nodes with the fewest replicas first).",
      "",
      "| budget | concurrency limit | nodes released | upper bound | share of the bound | migrations | waves |",
      "|---|---|---|---|---|---|---|",
      ...budget.map((b) =>
        `| ${pct(b.budgetShare)} (${b.budget}) | ${b.concurrency ?? "none"} | ${b.released} | ${b.upperBound} | ${pct(b.released / Math.max(1, b.upperBound))} | ${b.migrations} | ${b.waves} |`
      ),
      ""
    )
  }
  lines.push(
    "## Plan / perturb / re-plan",
    "",
    "The residue scenario, planned and applied, then every deployment scaled by ±10 %, round after round.",
    "",
    "| round | replicas | nodes before | nodes after | migrations | violations | released by a re-plan | moved in the previous round too | moved back |",
    "|---|---|---|---|---|---|---|---|---|",
    ...churn.map((r) =>
      `| ${r.round} | ${r.replicas} | ${r.nodesBefore} | ${r.nodesAfter} | ${r.migrations} | ${r.violations} | ${r.replanReleases} | ${r.movedInPreviousRound} | ${r.movedBack} |`
    ),
    ""
  )
  return lines.join("\n")
}

/** Nodes left against migrations, per algorithm, for planted and residue at 1,000 nodes. */
export const renderSvg = (results: ReadonlyArray<CaseResult>): string => {
  const panels = [["planted", 1000], ["residue", 1000]] as const
  const width = 420
  const height = 300
  const colours = ["#d62728", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
  const parts: Array<string> = []
  panels.forEach(([generator, nodes], p) => {
    const seeds = results.find((r) => r.generator === generator && r.nodes === nodes)?.seeds ?? []
    if (seeds.length === 0) return
    const points = [
      { name: "planner", x: mean(seeds.map((s) => s.planner.migrations)), y: mean(seeds.map((s) => s.planner.nodesAfter)) },
      ...["no compaction", ...REFERENCES].map((name) => ({
        name,
        x: mean(seeds.map((s) => s.references[name]?.migrations ?? NaN)),
        y: mean(seeds.map((s) => s.references[name]?.nodesAfter ?? NaN))
      }))
    ].filter((pt) => Number.isFinite(pt.x) && Number.isFinite(pt.y))
    const best = mean(seeds.map(target))
    const maxX = Math.max(...points.map((pt) => pt.x)) * 1.1 || 1
    const minY = Math.min(best, ...points.map((pt) => pt.y)) * 0.97
    const maxY = Math.max(...points.map((pt) => pt.y)) * 1.02
    const ox = p * (width + 20) + 60
    const sx = (x: number) => ox + (x / maxX) * (width - 80)
    const sy = (y: number) => 40 + (1 - (y - minY) / (maxY - minY)) * (height - 90)
    parts.push(
      `<text x="${ox}" y="24" font-size="14">${generator}, ${nodes} nodes: nodes left vs migrations</text>`,
      `<line x1="${ox}" y1="${height - 50}" x2="${ox + width - 80}" y2="${height - 50}" stroke="#333"/>`,
      `<line x1="${ox}" y1="40" x2="${ox}" y2="${height - 50}" stroke="#333"/>`,
      `<line x1="${ox}" y1="${sy(best)}" x2="${ox + width - 80}" y2="${sy(best)}" stroke="#999" stroke-dasharray="4 3"/>`,
      `<text x="${ox + width - 78}" y="${sy(best) + 4}" font-size="10">${seeds.every((s) => s.optimum !== undefined) ? "optimum" : "bound"}</text>`,
      `<text x="${ox + (width - 80) / 2}" y="${height - 20}" font-size="11" text-anchor="middle">migrations (0 – ${fixed(maxX, 0)})</text>`,
      `<text x="${ox - 8}" y="${sy(maxY)}" font-size="10" text-anchor="end">${fixed(maxY, 0)}</text>`,
      `<text x="${ox - 8}" y="${sy(minY)}" font-size="10" text-anchor="end">${fixed(minY, 0)}</text>`,
      ...points.map((pt, i) =>
        `<circle cx="${sx(pt.x).toFixed(1)}" cy="${sy(pt.y).toFixed(1)}" r="${pt.name === "planner" ? 6 : 4}" fill="${colours[i % colours.length]}"><title>${pt.name}: ${fixed(pt.y)} nodes, ${fixed(pt.x, 0)} migrations</title></circle>`
      ),
      ...points.map((pt, i) =>
        `<text x="${ox + 10}" y="${height + 10 + i * 14}" font-size="11" fill="${colours[i % colours.length]}">● ${pt.name}: ${fixed(pt.y)} nodes, ${fixed(pt.x, 0)} migrations</text>`
      )
    )
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * (width + 20) + 40}" height="${height + 130}" font-family="sans-serif">\n${parts.join("\n")}\n</svg>\n`
}
