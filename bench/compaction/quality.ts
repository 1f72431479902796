/**
 * The classic families at a glance: per family and start, the planner's
 * nodes against FFD from scratch, Ray's algorithm to its fixpoint and the
 * optimum (or the best lower bound), and the planner again with idle nodes
 * added. Every plan is checked by `verify`. Prints one table; writes nothing.
 *
 *   npx tsx bench/compaction/quality.ts [--quick] [--family NAME] [--max-items N] [--seeds N] [--all]
 *
 * By default every family up to 250 replicas, one seed (a minute or two);
 * `--quick` the smallest cases; `--all` the report's sizes and seeds.
 */
import { parseArgs } from "node:util"
import { classicCases } from "./classic.js"
import { type CaseResult, ffd, runCase, type SeedResult, target } from "./measure.js"

/** The default size limit: the families' two smallest sizes, so a run takes a minute or two. */
const DEFAULT_MAX_ITEMS = 250

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    all: { type: "boolean", default: false },
    family: { type: "string" },
    "max-items": { type: "string" },
    seeds: { type: "string" }
  },
  strict: true
})

const positive = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`quality: --${name} must be a positive integer, got ${JSON.stringify(raw)}`)
    process.exit(2)
  }
  return n
}

const maxItems = positive("max-items", values["max-items"]) ?? (values.all ? undefined : DEFAULT_MAX_ITEMS)
const seeds = positive("seeds", values.seeds) ?? (values.all ? undefined : 1)
const cases = classicCases({
  quick: values.quick,
  ...(values.family === undefined ? {} : { family: values.family }),
  ...(maxItems === undefined ? {} : { maxItems }),
  ...(seeds === undefined ? {} : { seeds })
})
if (cases.length === 0) {
  console.error(`quality: no family matches ${JSON.stringify(values.family)}`)
  process.exit(2)
}

const mean = (xs: ReadonlyArray<number>): number => xs.reduce((a, b) => a + b, 0) / xs.length
/** Mean nodes (+ mean % over the target) over the seeds that have the figure, "k/n" when some lack it. */
const over = (nodes: ReadonlyArray<number | undefined>, seeds: ReadonlyArray<SeedResult>): string => {
  const measured = seeds.flatMap((s, i) => {
    const n = nodes[i]
    return n === undefined || !Number.isFinite(n) ? [] : [[s, n] as const]
  })
  if (measured.length === 0) return "—"
  const partial = measured.length < seeds.length ? ` ${measured.length}/${seeds.length}` : ""
  return `${mean(measured.map(([, n]) => n)).toFixed(1)} (+${(100 * mean(measured.map(([s, n]) => (n - target(s)) / target(s)))).toFixed(1)} %)${partial}`
}

const row = (r: CaseResult): Array<string> => {
  const s = r.seeds
  return [
    r.generator,
    String(r.nodes),
    mean(s.map((x) => x.nodesBefore)).toFixed(1),
    `${mean(s.map(target)).toFixed(1)} ${s.every((x) => x.optimum !== undefined) ? "opt" : "LB"}`,
    over(s.map((x) => x.planner.nodesAfter), s),
    over(s.map(ffd), s),
    over(s.map((x) => x.references["Ray"]?.nodesAfter), s),
    mean(s.map((x) => x.withEmptyNodes?.nodesAfter ?? NaN)).toFixed(1),
    String(s.reduce((n, x) => n + x.planner.violations + (x.withEmptyNodes?.violations ?? 0), 0)),
    mean(s.map((x) => x.planner.times[0] ?? NaN)).toFixed(0)
  ]
}

const header = ["family, start", "replicas", "before", "target", "planner", "FFD", "Ray fixpoint", `+${cases[0]?.classic?.emptyNodes ?? 0} idle`, "violations", "plan ms"]
const rows = cases.map((c) => row(runCase(c)))
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)))
const line = (cells: ReadonlyArray<string>) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ")
console.log()
console.log(line(header))
for (const r of rows) console.log(line(r))
console.log("\nNodes after, mean over the seeds (+ % over the optimum, or over the best lower bound where marked LB).")
