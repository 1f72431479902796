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

  it("never offers or returns a bin past the last: the tree's padding leaves are no bins", () => {
    // 3 bins in a tree 4 leaves wide (5 in one 8 wide); with no resources every bin has room for every demand.
    for (const bins of [3, 5]) {
      const tree = new FirstFitTree(bins, 0)
      const offered: Array<number> = []
      expect(tree.first([], (b) => (offered.push(b), false))).toBe(-1)
      expect(offered).toEqual(Array.from({ length: bins }, (_, b) => b))
      expect(tree.first([], (b) => b >= bins - 1)).toBe(bins - 1)
    }
  })

  it("finds a bin of a tree wider than the bin count by its room alone", () => {
    const tree = new FirstFitTree(3, 2)
    ;[[1, 5], [5, 1], [4, 4]].forEach((r, b) => tree.set(b, (k) => r[k] ?? 0))
    expect(tree.first([1, 5])).toBe(0)
    expect(tree.first([2, 1])).toBe(1)
    expect(tree.first([2, 2])).toBe(2)
    expect(tree.first([5, 5])).toBe(-1)
    expect(tree.first([0, 0], (b) => b > 0)).toBe(1)
  })
})
