/**
 * The simulated day's benchmark: runs `day` and `fragmented` (and `large`
 * with `--large`) in the three compaction modes, times them, checks the
 * goals of the main job and writes docs/bench/simulate.json, simulate.md
 * (the tables, the goals met or missed with their figures) and simulate.svg
 * (the `day` chart; the other charts beside it).
 *
 * `tsx bench/simulate/run.ts [--seed N] [--large]`. Timings depend on the
 * machine's load (2 shared cores here): the load average is recorded.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { cpus, loadavg } from "node:os"
import { Simulator } from "../../src/index.js"

const seedFlag = process.argv.indexOf("--seed")
const SEED = seedFlag >= 0 ? Number(process.argv[seedFlag + 1]) : 1
const scenarios: ReadonlyArray<Simulator.Scenario> = process.argv.includes("--large")
  ? ["day", "fragmented", "large"]
  : ["day", "fragmented"]

/** The goals of the main job. */
const DAY_BELOW_OFF = 0.15
const DAY_BELOW_RAY = 0.05
const FRAGMENTED_FEWER_NODES = 0.4
const DAY_SECONDS = 60
const LARGE_SECONDS = 300

interface Timed {
  readonly result: Simulator.SimulationResult
  /** Wall-clock time, and the process's CPU time (less sensitive to the other work on the machine). */
  readonly seconds: number
  readonly cpuSeconds: number
}

const seconds = (t: Timed): string => `${t.seconds.toFixed(1)} s wall, ${t.cpuSeconds.toFixed(1)} s CPU`

const timed: Record<string, Timed> = {}
for (const scenario of scenarios) {
  const start = performance.now()
  const cpu = process.cpuUsage()
  const result = Simulator.simulate({ scenario, seed: SEED })
  const used = process.cpuUsage(cpu)
  timed[scenario] = { result, seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 }
  process.stdout.write(`${Simulator.renderTable(result)}\n(${seconds(timed[scenario]!)})\n\n`)
}

const runOf = (scenario: string, mode: Simulator.CompactionMode) => timed[scenario]?.result.runs.find((r) => r.compaction === mode)
const percent = (x: number) => `${(x * 100).toFixed(1)} %`

interface Goal {
  readonly goal: string
  readonly met: boolean
  readonly figure: string
}

const goals: Array<Goal> = []
const day = { off: runOf("day", "off")!, ray: runOf("day", "ray")!, planner: runOf("day", "planner")! }
const belowOff = 1 - day.planner.nodeHours / day.off.nodeHours
const belowRay = 1 - day.planner.nodeHours / day.ray.nodeHours
goals.push({
  goal: `day: planner node-hours ≥ ${percent(DAY_BELOW_OFF)} below off`,
  met: belowOff >= DAY_BELOW_OFF,
  figure: `${day.planner.nodeHours} vs ${day.off.nodeHours}: ${percent(belowOff)} below`
})
goals.push({
  goal: `day: planner node-hours ≥ ${percent(DAY_BELOW_RAY)} below ray`,
  met: belowRay >= DAY_BELOW_RAY,
  figure: `${day.planner.nodeHours} vs ${day.ray.nodeHours}: ${percent(belowRay)} below`
})
const fragOff = runOf("fragmented", "off")!
const fragPlanner = runOf("fragmented", "planner")!
const fewer = 1 - fragPlanner.nodesAtEnd / fragOff.nodesAtEnd
goals.push({
  goal: `fragmented: planner ≥ ${percent(FRAGMENTED_FEWER_NODES)} fewer nodes than off at the end`,
  met: fewer >= FRAGMENTED_FEWER_NODES,
  figure: `${fragPlanner.nodesAtEnd} vs ${fragOff.nodesAtEnd} nodes: ${percent(fewer)} fewer`
})
const allRuns = Object.values(timed).flatMap((t) => t.result.runs.map((r) => ({ scenario: t.result.scenario, r })))
const failed = allRuns.reduce((n, { r }) => n + r.requests.failed, 0)
const violations = allRuns.reduce((n, { r }) => n + r.violations, 0)
goals.push({ goal: "0 failed requests in every run", met: failed === 0, figure: `${failed} failed` })
goals.push({ goal: "0 invariant violations in every run", met: violations === 0, figure: `${violations} violations` })
goals.push({
  goal: "day: 50 nodes or more at peak",
  met: day.off.peakNodes >= 50,
  figure: `${day.off.peakNodes} nodes at peak (off)`
})
goals.push({
  goal: `day: all three runs in ≤ ${DAY_SECONDS} s`,
  met: timed["day"]!.seconds <= DAY_SECONDS,
  figure: seconds(timed["day"]!)
})
if (timed["large"] !== undefined) {
  const large = timed["large"]
  goals.push({
    goal: `large: all three runs in ≤ ${LARGE_SECONDS} s`,
    met: large.seconds <= LARGE_SECONDS,
    figure: seconds(large)
  })
  goals.push({
    goal: "large: 1,000 nodes or more at peak",
    met: (runOf("large", "off")?.peakNodes ?? 0) >= 1000,
    figure: `${runOf("large", "off")?.peakNodes} nodes at peak (off)`
  })
}

/** What the figures mean, and why the node-hour goals are out of reach here (read from the seed-1 runs). */
const NOTES = [
  "## Reading the figures",
  "",
  "- What runs: `Simulator.simulate` (see its module doc): the lifecycle core ticked every 10 s of simulated time,",
  "  each request admitted through its replica's `Slots` state (reserve, start with the token, finish), the",
  "  planner or Ray's compaction inside the lifecycle. Nodes are billed from their launch request to their",
  "  departure. Violations count every failing evaluation of `L1`–`L6` and `C1`–`C2` (every tick in",
  "  `fragmented`, every 6th tick in `day`, every 60th in `large`), `S2` on those ticks and `S1` after every",
  "  granted reservation.",
  "- When each mode compacts: `ray` follows Ray (a compaction starts only when no node drains and every",
  "  deployment has been HEALTHY for 5 minutes, which twelve deployments autoscaling on noisy traffic allow",
  "  at night and in the evening only). `planner` moves the replicas of the deployments that have each been",
  "  HEALTHY at their target for 5 minutes, while the others scale and nodes drain (their replicas stay put",
  "  and keep their room in the plan), so it compacts through the day too; 54 of its 90 compactions",
  "  (seed 1) are cancelled by a deployment scaling onto a node being emptied or a step's destination (as in",
  "  Ray, a compaction yields to a scale-up).",
  "- Why `day` cannot reach 15 % below `off`: a lower bound of any placement, at every step the resources",
  "  held (GPUs, CPUs, memory; STARTING and STOPPING replicas included) divided by a GPU node's, rounded up,",
  "  sums to 559 node-hours over `off`'s day (a probe of the seed-1 run), 10.6 % below `off`'s 625.7: no",
  "  compaction can save more, and 15 % is below that bound. `off` is already packed: new replicas go to",
  "  the fullest node that fits and Ray's downscale takes replicas from the nodes with the fewest first, so",
  "  what compaction can take is the residue between those; what keeps the planner from the bound is that a",
  "  migration holds two replicas for a GPU model's minutes of startup, a node stays 5 minutes idle before",
  "  it is given back, and a replica stopping gracefully holds its node while its requests finish.",
  "- Why `fragmented` stops at 8 → 5: the chat model's 2 remaining replicas and the 4-GPU model's 8 need",
  "  34 GPUs, so 5 nodes of 8 GPUs at least; `off` keeps 8 (one 4-GPU replica per node, the downscale having",
  "  packed the chat replicas). Both compaction modes reach the optimum of 5; 37.5 % is the most this",
  "  scenario allows, and 40 % would need 4.8 nodes.",
  "- `large` is not in this report by default (`--large` adds it): 25 copies of the day fleet, requests in",
  "  batches. Its three runs (`replicore simulate --scenario large`, seed 1) took 759 s wall, 507 s CPU here",
  "  (load average about 5 on the 2 shared cores), over the 5-minute goal (one unbatched run of 20 copies",
  "  took 644 s before): 9.9 million requests through the slot core per run, 1,175 nodes at peak, 0 failed",
  "  requests and 0 violations; node-hours off 16,299.5, ray 16,299.5 (Ray's rule never finds the whole",
  "  cluster quiet: some of 300 deployments is always scaling or a node draining), planner 16,055.9 (1.5 %",
  "  below). The time goes to the requests (the router and the slot core, with their garbage, about two",
  "  thirds), the live invariants (about 5 % since the lifecycle model indexes its replicas; over a third",
  "  before), and the autoscalers; the planner's searches at 1,000 nodes are about 1 %."
]

const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? "?", loadAverage: loadavg().map((x) => Number(x.toFixed(2))) }
mkdirSync("docs/bench", { recursive: true })
writeFileSync(
  "docs/bench/simulate.json",
  JSON.stringify(
    {
      seed: SEED,
      machine,
      goals,
      scenarios: Object.fromEntries(
        Object.entries(timed).map(([name, t]) => [
          name,
          { seconds: Number(t.seconds.toFixed(1)), cpuSeconds: Number(t.cpuSeconds.toFixed(1)), ...t.result }
        ])
      )
    },
    null,
    2
  ) + "\n"
)
writeFileSync("docs/bench/simulate.svg", Simulator.renderChart(timed["day"]!.result))
for (const name of Object.keys(timed).filter((n) => n !== "day")) {
  writeFileSync(`docs/bench/simulate-${name}.svg`, Simulator.renderChart(timed[name]!.result))
}
const md = [
  "# The simulated day",
  "",
  `Seed ${SEED}. Generated by \`npm run build && node dist/bench/simulate/run.js\`. Machine: ${machine.cpus} × ${machine.model}, load average ` +
  `${machine.loadAverage.join(" / ")} at the end (the cores are shared: times are noisy).`,
  "",
  "## Goals",
  "",
  "| goal | | figure |",
  "|---|---|---|",
  ...goals.map((g) => `| ${g.goal} | ${g.met ? "met" : "**missed**"} | ${g.figure} |`),
  "",
  "![nodes in use over the day](simulate.svg)",
  "",
  ...NOTES,
  "",
  ...Object.entries(timed).flatMap(([name, t]) => [
    `## ${name} (three runs: ${seconds(t)})`,
    "",
    "```",
    Simulator.renderTable(t.result),
    "```",
    "",
    ...(name === "day" ? [] : [`![nodes in use, ${name}](simulate-${name}.svg)`, ""])
  ])
].join("\n")
writeFileSync("docs/bench/simulate.md", md)
for (const g of goals) process.stdout.write(`${g.met ? "met    " : "MISSED "} ${g.goal}: ${g.figure}\n`)
