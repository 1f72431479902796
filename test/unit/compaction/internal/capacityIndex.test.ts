/** `CapacityIndex`: nodes filed by free capacity in a grid; a query walks the cells with room, nearest first. */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { propertyParameters } from "../../../../properties/support/settings.js"
import { CapacityIndex, cellsFor } from "../../../../src/compaction/internal/capacityIndex.js"

/** Two resources, each of scale 1: a free amount in [0, 1) lands in bucket ⌊amount × size⌋. */
const indexOf = (nodes: number): CapacityIndex => new CapacityIndex([0, 1], Float64Array.of(1, 1), nodes)
const free = (a: number, b: number) => (k: number) => (k === 0 ? a : b)

/** The nodes of a cell, in the index's insertion order. */
const nodesIn = (index: CapacityIndex, cell: number): Array<number> => {
  const nodes: Array<number> = []
  for (let n = index.firstIn(cell); n >= 0; n = index.nextIn(n)) nodes.push(n)
  return nodes
}

/** The occupied cells in the upward order, by definition: the whole order with the empty cells left out. */
const occupiedByDefinition = (index: CapacityIndex, start: number): Array<number> =>
  index.upward(start).filter((c) => nodesIn(index, c).length > 0)

describe("CapacityIndex", () => {
  it("files a node in the cell of its free amounts and moves it when they change", () => {
    const index = indexOf(10)
    expect(index.size).toBe(4)
    index.set(3, free(0.6, 0.3))
    expect(nodesIn(index, 2 * 4 + 1)).toEqual([3])
    index.set(3, free(0.9, 0.9))
    index.set(5, free(0.9, 0.95))
    expect(nodesIn(index, 2 * 4 + 1)).toEqual([])
    expect(nodesIn(index, 3 * 4 + 3)).toEqual([3, 5])
    expect([index.countIn(3 * 4 + 3), index.total]).toEqual([2, 2])
    index.delete(3)
    index.delete(3)
    expect(index.has(3)).toBe(false)
    expect(nodesIn(index, 3 * 4 + 3)).toEqual([5])
    expect([index.countIn(3 * 4 + 3), index.total]).toEqual([1, 1])
  })

  it("walks the cells with room in both axes first, then the boundary, each by diagonal", () => {
    const index = indexOf(10)
    // From cell (1, 1) of a 4 × 4 grid: (2, 2) (2, 3) (3, 2) (3, 3) surely have room; row 1 and column 1 are the boundary.
    expect(index.upward(1 * 4 + 1)).toEqual([10, 11, 14, 15, 5, 6, 9, 7, 13])
  })

  it("lists the occupied cells of a full grid in the query's order", () => {
    // One node in each cell of a 4 × 4 grid: node 4 × row + column in cell (row, column).
    const index = indexOf(16)
    for (let n = 0; n < 16; n++) index.set(n, free((Math.floor(n / 4) + 0.5) / 4, ((n % 4) + 0.5) / 4))
    // From (0, 0): rows and columns 1 … 3 surely have room, by diagonal 2 … 6; then row 0 and column 0, by diagonal 0 … 3.
    const fromCorner = [5, 6, 9, 7, 10, 13, 11, 14, 15, 0, 1, 4, 2, 8, 3, 12]
    expect(index.upward(0)).toEqual(fromCorner)
    expect(index.upwardOccupied(0)).toEqual(fromCorner)
    expect(index.upwardOccupied(1 * 4 + 1)).toEqual([10, 11, 14, 15, 5, 6, 9, 7, 13])
    index.delete(6)
    index.delete(0)
    expect(index.upwardOccupied(0)).toEqual(fromCorner.filter((c) => c !== 6 && c !== 0))
  })

  it("lists the occupied cells of a query in the query's order, on every grid size, after any sets and deletes", () => {
    const operation = fc.oneof(
      fc.record({ node: fc.nat({ max: 199 }), a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ node: fc.nat({ max: 199 }) })
    )
    fc.assert(
      fc.property(fc.constantFrom(10, 500, 5000), fc.array(operation, { maxLength: 300 }), fc.nat(), (nodes, operations, query) => {
        const index = new CapacityIndex([0, 1], Float64Array.of(1, 1), 200, nodes)
        for (const op of operations) {
          if ("a" in op) index.set(op.node, free(op.a, op.b))
          else index.delete(op.node)
        }
        const start = query % (cellsFor(nodes) ** 2)
        expect(index.upwardOccupied(start)).toEqual(occupiedByDefinition(index, start))
      }),
      propertyParameters(200)
    )
  })

  it("keeps each cell's nodes in the order they were filed, after any sets and deletes, as a list per cell does", () => {
    // Few nodes and two amounts per axis (four cells): nodes share cells and come back to those they left, node 0 and cell 0 often.
    const amount = fc.constantFrom(0, 0.6)
    const operation = fc.oneof(fc.record({ node: fc.nat({ max: 5 }), a: amount, b: amount }), fc.record({ node: fc.nat({ max: 5 }) }))
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const index = indexOf(6)
        // The model: each cell's nodes as a list; a node filed again in its own cell keeps its place.
        const cells = new Map<number, Array<number>>()
        const cellOf = new Map<number, number>()
        const leave = (node: number) => {
          const cell = cellOf.get(node)
          if (cell !== undefined) cells.set(cell, (cells.get(cell) ?? []).filter((m) => m !== node)), cellOf.delete(node)
        }
        for (const op of operations) {
          if ("a" in op) {
            index.set(op.node, free(op.a, op.b))
            const cell = Math.floor(op.a * 4) * 4 + Math.floor(op.b * 4)
            if (cellOf.get(op.node) === cell) continue
            leave(op.node)
            cells.set(cell, [...(cells.get(cell) ?? []), op.node])
            cellOf.set(op.node, cell)
          } else {
            index.delete(op.node)
            leave(op.node)
          }
        }
        for (let cell = 0; cell < 16; cell++) {
          expect(nodesIn(index, cell), `cell ${cell}`).toEqual(cells.get(cell) ?? [])
          expect(index.countIn(cell), `cell ${cell}`).toBe((cells.get(cell) ?? []).length)
        }
        expect(index.total).toBe(cellOf.size)
        for (let node = 0; node < 6; node++) expect(index.has(node)).toBe(cellOf.has(node))
      }),
      propertyParameters(200)
    )
  })

  it("keeps a cell's list whole when the node before node 0 leaves it, then node 0", () => {
    const index = indexOf(6)
    index.set(3, free(0.1, 0.1))
    index.set(0, free(0.1, 0.1))
    index.delete(3)
    expect(nodesIn(index, 0)).toEqual([0])
    index.delete(0)
    expect([nodesIn(index, 0), index.countIn(0), index.total]).toEqual([[], 0, 0])
  })

  it("lists every cell once for making room, the nearest to the start first, the roomier (higher) of equally near cells first", () => {
    for (const nodes of [10, 500]) {
      const index = indexOf(nodes)
      const size = index.size
      for (const start of [0, size + 1, size * size - 1, 2 * size + 3]) {
        const distance = (c: number) => Math.abs(Math.floor(c / size) - Math.floor(start / size)) + Math.abs((c % size) - (start % size))
        const order = index.near(start)
        expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: size * size }, (_, c) => c))
        order.forEach((c, i) => {
          const previous = order[i - 1]
          if (previous === undefined) return
          // Nearer first; at the same distance, the higher cell first.
          expect(distance(previous) < distance(c) || (distance(previous) === distance(c) && previous > c), `${size}: ${start}: ${previous} then ${c}`).toBe(true)
        })
      }
    }
  })

  it("uses the last column of a 32 × 32 grid like any other", () => {
    const index = new CapacityIndex([0, 1], Float64Array.of(1, 1), 4, 5000)
    expect(index.size).toBe(32)
    index.set(0, free(0.99, 0.99))
    index.set(1, free(0.99, 0.5))
    expect(index.upwardOccupied(0)).toEqual([31 * 32 + 16, 31 * 32 + 31])
    index.delete(0)
    expect(index.upwardOccupied(0)).toEqual([31 * 32 + 16])
  })

  it("sizes the grid by the nodes in use: 4 × 4 up to 64, 16 × 16 up to 1,000, 32 × 32 above", () => {
    expect([1, 64, 65, 1000, 1001, 10000].map(cellsFor)).toEqual([4, 4, 16, 16, 32, 32])
  })

  it("files a node whose free amounts reach the scale in the last row and column", () => {
    const index = indexOf(10)
    index.set(2, free(1, 1))
    index.set(4, free(1, 0))
    expect(nodesIn(index, 3 * 4 + 3)).toEqual([2])
    expect(nodesIn(index, 3 * 4 + 0)).toEqual([4])
    expect(index.total).toBe(2)
  })

  it("files free amounts relative to each axis's scale, the amounts outside [0, scale] in the nearest edge cell", () => {
    // Axis 0 is resource 1 (scale 20), axis 1 is resource 0 (scale 10): 5 of 20 is in bucket ⌊0.25 × 4⌋ = 1, 5 of 10 in ⌊0.5 × 4⌋ = 2.
    const index = new CapacityIndex([1, 0], Float64Array.of(10, 20), 10)
    const amounts = (of0: number, of1: number) => (k: number) => (k === 0 ? of0 : of1)
    index.set(0, amounts(5, 5))
    index.set(1, amounts(-1, 25))
    index.set(2, amounts(12, -0.5))
    expect([nodesIn(index, 1 * 4 + 2), nodesIn(index, 3 * 4 + 0), nodesIn(index, 0 * 4 + 3)]).toEqual([[0], [1], [2]])
    expect(index.cellFor(amounts(9.9, 19.9))).toBe(3 * 4 + 3)
  })

  it("lists the occupied cells in the query's order when more than a few dozen hold a node", () => {
    // 32 × 32 cells; 150 of 300 nodes put into cells picked by a fixed generator (most distinct), a third of them taken out again.
    let seed = 7
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31)
    const index = new CapacityIndex([0, 1], Float64Array.of(1, 1), 300, 5000)
    for (let n = 0; n < 150; n++) index.set(n, free(next(), next()))
    for (let n = 0; n < 150; n += 3) index.delete(n)
    for (const start of [0, 5 * 32 + 3, 31 * 32 + 31]) {
      const occupied = occupiedByDefinition(index, start)
      expect(index.upwardOccupied(start)).toEqual(occupied)
    }
    // The first query sees more occupied cells than a query sorts.
    expect(occupiedByDefinition(index, 0).length).toBeGreaterThan(64)
  })

  it("reads a node or a cell outside the index as absent", () => {
    const index = indexOf(10)
    index.set(1, free(0.1, 0.1))
    index.set(2, free(0.1, 0.3))
    expect([index.has(10), index.firstIn(16), index.nextIn(10)]).toEqual([false, -1, -1])
    index.delete(10)
    expect([index.total, nodesIn(index, 0), nodesIn(index, 1)]).toEqual([2, [1], [2]])
  })
})
