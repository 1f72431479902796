/**
 * The container benchmark: Ray's stop_replicas scenarios (stop 2 of N, stop
 * all N, stop 10 % of N) for N = 16 … 65,536, the persistent container against
 * Ray's two algorithms run in the same process; then the ordered index against
 * effect's RedBlackTree. Writes docs/bench/container.json and container.md.
 *
 * `npm run bench` (add `-- --quick` for a short smoke run that checks nothing about speed).
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { Container } from "../../src/index.js"
import { type BenchCase, type Measurement, runSuite } from "../adapter.js"
import {
  MutableReplica,
  MutableStateContainer,
  stopReplicasPersistent,
  stopReplicasPopAll,
  stopReplicasSinglePass
} from "./baselines.js"
import { indexCases } from "./indexes.js"

const quick = process.argv.includes("--quick")
const SIZES = quick ? [16, 1024] : [16, 64, 256, 1024, 4096, 16384, 65536]
const MAX_TIME = quick ? 0.05 : 0.4

interface Scenario {
  readonly name: string
  readonly stopped: (n: number) => number
}

const SCENARIOS: ReadonlyArray<Scenario> = [
  { name: "stop 2 of N", stopped: () => 2 },
  { name: "stop 10 % of N", stopped: (n) => Math.max(1, Math.round(n / 10)) },
  { name: "stop all N", stopped: (n) => n }
]

const IMPLEMENTATIONS = ["pop-all/re-add", "single pass", "replicore"] as const
type Implementation = (typeof IMPLEMENTATIONS)[number]

/** A small seeded generator (mulberry32), so every run stops the same ids. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** Up to 64 rotating sets of k ids drawn without replacement from a seeded shuffle. */
const stopSets = (ids: ReadonlyArray<string>, k: number): ReadonlyArray<ReadonlySet<string>> => {
  const next = random(ids.length * 31 + k)
  const shuffled = [...ids]
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string]
  }
  const count = Math.min(64, Math.ceil(ids.length / k))
  return Array.from({ length: count }, (_, w) => new Set(shuffled.slice(w * k, w * k + k)))
}

const cycle = <T>(items: ReadonlyArray<T>) => {
  let i = 0
  return () => items[i++ % items.length] as T
}

const casesFor = (scenario: Scenario, n: number): ReadonlyArray<BenchCase> => {
  const ids = Array.from({ length: n }, (_, i) => `replica-${i}`)
  const sets = stopSets(ids, scenario.stopped(n))
  const mutable = () => {
    const c = new MutableStateContainer()
    for (const id of ids) c.add("RUNNING", new MutableReplica(id, "v1", "RUNNING"))
    return c
  }
  const label = (impl: Implementation) => `${scenario.name} | ${n} | ${impl}`
  return [
    {
      name: label("pop-all/re-add"),
      prepare: () => {
        const c = mutable()
        const nextSet = cycle(sets)
        return () => stopReplicasPopAll(c, nextSet())
      }
    },
    {
      name: label("single pass"),
      prepare: () => {
        const c = mutable()
        const nextSet = cycle(sets)
        return () => stopReplicasSinglePass(c, nextSet())
      }
    },
    {
      name: label("replicore"),
      prepare: () => {
        let c = Container.empty<{ readonly id: string; readonly version: string }>()
        for (const id of ids) c = Container.add(c, "RUNNING", { id, version: "v1" })
        const start = c
        const nextSet = cycle(sets)
        return () => stopReplicasPersistent(start, nextSet())
      }
    }
  ]
}

interface Row {
  readonly scenario: string
  readonly n: number
  readonly k: number
  readonly results: Record<Implementation, Pick<Measurement, "nsPerOp" | "rme" | "bytesPerOp">>
  readonly speedupOverPopAll: number
  readonly speedupOverSinglePass: number
}

const rows: Array<Row> = []
for (const scenario of SCENARIOS) {
  for (const n of SIZES) {
    const measured = await runSuite(`${scenario.name}, N = ${n}`, casesFor(scenario, n), { maxTime: MAX_TIME })
    const byImpl = Object.fromEntries(
      IMPLEMENTATIONS.map((impl) => {
        const m = measured.find((x) => x.name.endsWith(`| ${impl}`)) as Measurement
        return [impl, { nsPerOp: m.nsPerOp, rme: m.rme, bytesPerOp: m.bytesPerOp }]
      })
    ) as Row["results"]
    rows.push({
      scenario: scenario.name,
      n,
      k: scenario.stopped(n),
      results: byImpl,
      speedupOverPopAll: byImpl["pop-all/re-add"].nsPerOp / byImpl.replicore.nsPerOp,
      speedupOverSinglePass: byImpl["single pass"].nsPerOp / byImpl.replicore.nsPerOp
    })
  }
}
const indexResults = await runSuite("indexes", indexCases(quick ? 1024 : 4096), { maxTime: MAX_TIME })

// ---------------------------------------------------------------------------
// Goals, as ratios measured in this run.
// ---------------------------------------------------------------------------

const row = (scenario: string, n: number) => rows.find((r) => r.scenario === scenario && r.n === n)
const goals: Array<{ goal: string; measured: string; met: boolean }> = []
const stop2At4096 = row("stop 2 of N", 4096)
if (stop2At4096 !== undefined) {
  goals.push({
    goal: "stop 2 of 4,096: ≥ 100× faster than pop-all/re-add",
    measured: `${stop2At4096.speedupOverPopAll.toFixed(0)}×`,
    met: stop2At4096.speedupOverPopAll >= 100
  })
  goals.push({
    goal: "stop 2 of 4,096: ≥ 20× faster than the single pass",
    measured: `${stop2At4096.speedupOverSinglePass.toFixed(1)}×`,
    met: stop2At4096.speedupOverSinglePass >= 20
  })
}
const small = row("stop 2 of N", 1024)
const large = row("stop 2 of N", 65536)
if (small !== undefined && large !== undefined) {
  const growth = large.results.replicore.nsPerOp / small.results.replicore.nsPerOp
  goals.push({
    goal: "stop 2: time grows ≤ 2× from N = 1,024 to N = 65,536",
    measured: `${growth.toFixed(2)}×`,
    met: growth <= 2
  })
}
const stopAll = rows.filter((r) => r.scenario === "stop all N")
const worstAll = Math.min(...stopAll.map((r) => r.speedupOverSinglePass))
goals.push({
  goal: "stop all N: never slower than the single pass (speed-up ≥ 1 at every N)",
  measured: `worst ${worstAll.toFixed(2)}×`,
  met: worstAll >= 1
})

// ---------------------------------------------------------------------------
// Reports.
// ---------------------------------------------------------------------------

const us = (ns: number) => (ns / 1000).toFixed(ns < 10_000 ? 2 : 0)
const kib = (bytes: number) => (Number.isNaN(bytes) ? "n/a" : (bytes / 1024).toFixed(1))
const markdown: Array<string> = [
  "# Container benchmark",
  "",
  `Generated by \`npm run bench\` on Node ${process.version}${quick ? " (quick smoke run)" : ""}. ` +
  "All implementations run in the same process on the same ids. `stop_replicas(k ids)` = remove them, " +
  "then append each to STOPPING. Baselines: Ray's `ReplicaStateContainer` over mutable arrays — " +
  "*pop-all/re-add* (before PR #60832: pop every replica, re-add the others, rebuilding each one's " +
  "details record) and *single pass* (PR #60832's `remove`). Times are per call; speed-ups are " +
  "baseline time ÷ replicore time; memory is heap allocated per call.",
  "",
  "## Goals",
  "",
  "| goal | measured | met |",
  "|---|---|---|",
  ...goals.map((g) => `| ${g.goal} | ${g.measured} | ${g.met ? "yes" : "**no**"} |`),
  ""
]
for (const scenario of SCENARIOS) {
  markdown.push(
    `## ${scenario.name}`,
    "",
    "| N | k | pop-all/re-add µs | single pass µs | replicore µs | × vs pop-all | × vs single pass | KiB/call pop-all | KiB/call single | KiB/call replicore |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  )
  for (const r of rows.filter((x) => x.scenario === scenario.name)) {
    const m = r.results
    markdown.push(
      `| ${r.n} | ${r.k} | ${us(m["pop-all/re-add"].nsPerOp)} | ${us(m["single pass"].nsPerOp)} | ${
        us(m.replicore.nsPerOp)
      } | ${r.speedupOverPopAll.toFixed(1)} | ${r.speedupOverSinglePass.toFixed(1)} | ${
        kib(m["pop-all/re-add"].bytesPerOp)
      } | ${kib(m["single pass"].bytesPerOp)} | ${kib(m.replicore.bytesPerOp)} |`
    )
  }
  markdown.push("")
}
markdown.push(
  "## Indexes",
  "",
  "The container's two hand-written persistent indexes against effect's collections on the container's",
  "access pattern: the per-state order index (AVL tree) against `RedBlackTree`, and the id index",
  "(hash trie) against `HashMap`.",
  "",
  "| case | µs/op | ± % | KiB/op |",
  "|---|---:|---:|---:|",
  ...indexResults.map((m) => `| ${m.name} | ${us(m.nsPerOp)} | ${m.rme.toFixed(1)} | ${kib(m.bytesPerOp)} |`),
  ""
)

const file = quick ? "docs/bench/container.quick" : "docs/bench/container"
mkdirSync("docs/bench", { recursive: true })
writeFileSync(
  `${file}.json`,
  `${JSON.stringify({ node: process.version, quick, goals, rows, indexes: indexResults }, null, 2)}\n`
)
writeFileSync(`${file}.md`, markdown.join("\n"))
console.log(`\n${goals.map((g) => `${g.met ? "met " : "MISS"}  ${g.goal}: ${g.measured}`).join("\n")}`)
console.log(`wrote ${file}.json and ${file}.md`)
