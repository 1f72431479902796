/** `FirstFitTree` against a scan from the left. */
import { describe, expect, it } from "vitest"
import { FirstFitTree } from "../../../../src/compaction/internal/firstFit.js"

describe("FirstFitTree", () => {
  it("finds the first bin with room in every resource, as a scan does", () => {
    let seed = 11
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31)
    for (let t = 0; t < 50; t++) {
      const bins = 1 + Math.floor(next() * 20)
      const room = Array.from({ length: bins }, () => [Math.floor(next() * 10), Math.floor(next() * 10)])
      const tree = new FirstFitTree(bins, 2)
      room.forEach((r, b) => tree.set(b, (k) => r[k] ?? 0))
      for (let q = 0; q < 30; q++) {
        const demand = [Math.floor(next() * 10), Math.floor(next() * 10)]
        const refused = Math.floor(next() * bins)
        const scan = room.findIndex((r, b) => b !== refused && r.every((v, k) => v >= (demand[k] ?? 0)))
        const found = tree.first(demand, (b) => b !== refused)
        expect(found, JSON.stringify({ room, demand, refused })).toBe(scan)
        if (found >= 0) {
          const r = room[found] as Array<number>
          r.forEach((v, k) => (r[k] = v - (demand[k] ?? 0)))
          tree.set(found, (k) => r[k] ?? 0)
        }
      }
    }
  })

  it("has no room in a bin that was never set", () => {
    const tree = new FirstFitTree(3, 1)
    expect(tree.first([0])).toBe(-1)
    tree.set(2, () => 5)
    expect(tree.first([5])).toBe(2)
    expect(tree.first([6])).toBe(-1)
  })
})
