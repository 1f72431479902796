/**
 * Destination nodes in a grid by free capacity in two resources (the two
 * with the largest total demand): a best-fit query visits only the cells
 * that have room in both, nearest first, instead of every node. With 16 × 16
 * cells a query at 10,000 nodes looks at a few dozen nodes where a scan would
 * look at thousands (bench/compaction: plan time at 10,000 nodes); a
 * one-resource index was not enough, because nodes with free CPU but no free
 * memory crowd its buckets.
 */
export const CELLS = 16

const NONE: ReadonlySet<number> = new Set()

/** Cell orders depend on the start cell alone: computed once per process. */
const upwardOrders = new Map<number, ReadonlyArray<number>>()
const nearOrders = new Map<number, ReadonlyArray<number>>()

export class CapacityIndex {
  /** Created on first use: most cells of a small cluster stay empty. */
  private readonly cells: Array<Set<number> | undefined> = new Array(CELLS * CELLS)
  private readonly cellOf: Int16Array

  /** `axes`: the two resources of the grid (the same one twice for a single resource). */
  constructor(private readonly axes: readonly [number, number], private readonly scale: Float64Array, nodes: number) {
    this.cellOf = new Int16Array(nodes).fill(-1)
  }

  private bucket(axis: 0 | 1, amount: number): number {
    const k = this.axes[axis]
    const b = Math.floor((amount / (this.scale[k] ?? 1)) * CELLS)
    return b < 0 ? 0 : b >= CELLS ? CELLS - 1 : b
  }

  /** The cell of a demand (or of free amounts): `amount(k)` per resource. */
  cellFor(amount: (k: number) => number): number {
    return this.bucket(0, amount(this.axes[0])) * CELLS + this.bucket(1, amount(this.axes[1]))
  }

  /** Cells with at least the room of `start` in both axes, nearest diagonal first. */
  upward(start: number): ReadonlyArray<number> {
    let order = upwardOrders.get(start)
    if (order === undefined) {
      const r0 = Math.floor(start / CELLS)
      const r1 = start % CELLS
      const cells: Array<number> = []
      for (let a = r0; a < CELLS; a++) for (let b = r1; b < CELLS; b++) cells.push(a * CELLS + b)
      order = cells.sort((x, y) => diagonal(x) - diagonal(y) || x - y)
      upwardOrders.set(start, order)
    }
    return order
  }

  /** Every cell, the nearest to `start` first: where room can be made. */
  near(start: number): ReadonlyArray<number> {
    let order = nearOrders.get(start)
    if (order === undefined) {
      const distance = (c: number) =>
        Math.abs(Math.floor(c / CELLS) - Math.floor(start / CELLS)) + Math.abs((c % CELLS) - (start % CELLS))
      order = Array.from({ length: CELLS * CELLS }, (_, c) => c).sort((x, y) => distance(x) - distance(y) || y - x)
      nearOrders.set(start, order)
    }
    return order
  }

  /** The nodes of a cell, in insertion order. */
  nodesIn(cell: number): ReadonlySet<number> {
    return this.cells[cell] ?? NONE
  }

  /** Puts node n into the cell of its free amounts (`free(k)`), or moves it there. */
  set(n: number, free: (k: number) => number): void {
    const cell = this.cellFor(free)
    const old = this.cellOf[n] ?? -1
    if (old === cell) return
    if (old >= 0) this.cells[old]?.delete(n)
    const set = this.cells[cell] ?? new Set<number>()
    this.cells[cell] = set
    set.add(n)
    this.cellOf[n] = cell
  }

  has(n: number): boolean {
    return (this.cellOf[n] ?? -1) >= 0
  }

  /** Takes node n out of the index. */
  delete(n: number): void {
    const old = this.cellOf[n] ?? -1
    if (old >= 0) this.cells[old]?.delete(n)
    this.cellOf[n] = -1
  }
}

/** The diagonal of a cell: cells on one diagonal have about the same room. */
export const diagonal = (cell: number): number => Math.floor(cell / CELLS) + (cell % CELLS)
