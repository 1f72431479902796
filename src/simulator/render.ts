/**
 * Rendering a simulation: the plain-text table and the SVG chart of nodes in
 * use over time.
 *
 * @since 0.1.0
 */
import type { SimulationResult } from "./index.js"

const COLUMNS = [
  "compaction",
  "node-hours",
  "GPU-hours",
  "cost $",
  "migrations",
  "requests",
  "served",
  "rejected",
  "delayed",
  "failed",
  "violations",
  "peak nodes",
  "nodes at end"
] as const

/**
 * The result as a plain-text table, one row per run, no colour codes.
 *
 * @example
 * import { Simulator } from "replicore"
 * const result = Simulator.simulate({ scenario: "fragmented", seed: 1, hours: 0.25, modes: ["off"] })
 * console.log(Simulator.renderTable(result))
 *
 * @category rendering
 * @since 0.1.0
 */
export const renderTable = (result: SimulationResult): string => {
  const rows = result.runs.map((r) => [
    r.compaction,
    r.nodeHours.toFixed(1),
    r.gpuHours.toFixed(1),
    r.cost.toFixed(0),
    String(r.migrations),
    String(r.requests.total),
    String(r.requests.served),
    String(r.requests.rejected),
    String(r.requests.delayed),
    String(r.requests.failed),
    String(r.violations),
    String(r.peakNodes),
    String(r.nodesAtEnd)
  ])
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")
  return [
    `scenario ${result.scenario}, seed ${result.seed}, ${result.hours} h`,
    line(COLUMNS),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line)
  ].join("\n")
}

/** Chart geometry, in SVG units. */
const WIDTH = 800
const HEIGHT = 400
const MARGIN = { left: 60, right: 150, top: 40, bottom: 50 }
/** One colour per compaction mode (colour-blind safe: Okabe–Ito). */
const COLOURS: Readonly<Record<string, string>> = { off: "#E69F00", ray: "#56B4E9", planner: "#009E73" }

const escape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/** A round step for axis ticks covering `max` in about five steps. */
const tickStep = (max: number): number => {
  const raw = Math.max(max, 1) / 5
  const power = 10 ** Math.floor(Math.log10(raw))
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!
}

/**
 * The result as an SVG document: nodes in use over time, one line per run,
 * with axes and a legend.
 *
 * @example
 * import { Simulator } from "replicore"
 * const result = Simulator.simulate({ scenario: "fragmented", seed: 1, hours: 0.25, modes: ["off"] })
 * Simulator.renderChart(result).startsWith("<svg") // true
 *
 * @category rendering
 * @since 0.1.0
 */
export const renderChart = (result: SimulationResult): string => {
  const plotW = WIDTH - MARGIN.left - MARGIN.right
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom
  const maxNodes = Math.max(1, ...result.runs.flatMap((r) => r.timeline.map((p) => p.nodes)))
  const yStep = tickStep(maxNodes)
  const yMax = Math.ceil(maxNodes / yStep) * yStep
  const xMax = Math.max(result.hours, 1e-9)
  const x = (hour: number) => MARGIN.left + (hour / xMax) * plotW
  const y = (nodes: number) => MARGIN.top + plotH - (nodes / yMax) * plotH
  const xStep = tickStep(result.hours)
  const parts: Array<string> = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="14">${escape(`Nodes in use: scenario ${result.scenario}, seed ${result.seed}`)}</text>`
  ]
  for (let v = 0; v <= yMax; v += yStep) {
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`)
    parts.push(`<text x="${MARGIN.left - 8}" y="${y(v) + 4}" text-anchor="end">${v}</text>`)
  }
  for (let h = 0; h <= result.hours + 1e-9; h += xStep) {
    parts.push(`<text x="${x(h)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${Number(h.toFixed(2))}</text>`)
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="black"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH}" stroke="black"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 12}" text-anchor="middle">hour</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">nodes</text>`
  )
  result.runs.forEach((r, i) => {
    const colour = COLOURS[r.compaction] ?? "#000"
    const points = r.timeline.map((p) => `${x(p.hour).toFixed(1)},${y(p.nodes).toFixed(1)}`).join(" ")
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"/>`)
    const ly = MARGIN.top + 10 + i * 20
    const lx = MARGIN.left + plotW + 16
    parts.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${lx + 30}" y="${ly + 4}">${escape(`${r.compaction} (${r.nodeHours.toFixed(0)} node-h)`)}</text>`
    )
  })
  parts.push("</svg>")
  return parts.join("\n") + "\n"
}
