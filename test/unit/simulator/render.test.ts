import { describe, expect, it } from "vitest"
import { Simulator } from "../../../src/index.js"

const run = (compaction: Simulator.CompactionMode, nodes: ReadonlyArray<number>): Simulator.RunResult => ({
  compaction,
  nodeHours: 12.5,
  gpuHours: 80,
  cost: 410.2,
  migrations: 3,
  requests: { total: 100, served: 97, failed: 0, rejected: 2, delayed: 1 },
  violations: 0,
  nodesAtEnd: nodes.at(-1)!,
  peakNodes: Math.max(...nodes),
  timeline: nodes.map((n, i) => ({ hour: i, nodes: n }))
})

const result: Simulator.SimulationResult = {
  scenario: "day",
  seed: 9,
  hours: 2,
  runs: [run("off", [3, 5, 4]), run("planner", [3, 4, 2])]
}

describe("renderTable", () => {
  it("has a header and one row per run, with the figures", () => {
    const lines = Simulator.renderTable(result).split("\n")
    expect(lines[0]).toBe("scenario day, seed 9, 2 h")
    expect(lines[1]).toMatch(/^compaction +node-hours +GPU-hours/)
    expect(lines).toHaveLength(5)
    expect(lines[3]).toMatch(/^off +12\.5 +80\.0 +410 +3 +100 +97 +2 +1 +0 +0 +5 +4$/)
    expect(lines[4]).toMatch(/^planner .* 4 +2$/)
    expect(Simulator.renderTable(result)).not.toMatch(/\u001b\[/)
  })
})

describe("renderChart", () => {
  it("is an SVG with one line per run, a legend and axes", () => {
    const svg = Simulator.renderChart(result)
    expect(svg.startsWith("<svg")).toBe(true)
    expect(svg.trim().endsWith("</svg>")).toBe(true)
    expect(svg.match(/<polyline/g)).toHaveLength(2)
    expect(svg).toContain("off (13 node-h)")
    expect(svg).toContain("planner (13 node-h)")
    expect(svg).toContain(">hour<")
    expect(svg).toContain(">nodes<")
    const points = /<polyline[^>]*points="([^"]+)"/.exec(svg)![1]!.split(" ")
    expect(points).toHaveLength(3)
  })
})
