/**
 * Destination nodes in a grid by free capacity in two resources (the two
 * with the largest total demand): a best-fit query visits only the cells
 * that have room in both, nearest first, instead of every node, and stops
 * after a bounded number of nodes. With 32 × 32 cells (16 × 16 up to 1,000
 * nodes, 4 × 4 for a few dozen) a query at 10,000 nodes looks at a few dozen
 * nodes where a scan would look at thousands (bench/compaction: plan time at
 * 10,000 nodes); an index on one resource was not enough, because nodes with
 * free CPU but no free memory crowd its buckets.
 */
/** Up to this many nodes a 4 × 4 grid: a few dozen nodes would leave most finer cells empty. */
const SMALL_GRID_NODES = 64
/** Up to this many nodes a 16 × 16 grid, above it 32 × 32: a finer grid only pays off where cells would otherwise crowd. */
const MEDIUM_GRID_NODES = 1000

/** Cells per axis. */
export const cellsFor = (nodes: number): number => (nodes <= SMALL_GRID_NODES ? 4 : nodes <= MEDIUM_GRID_NODES ? 16 : 32)

const NONE: ReadonlySet<number> = new Set()

/** Cell orders depend on the grid size and the start cell alone: computed once per process. */
const upwardOrders = new Map<string, ReadonlyArray<number>>()
const nearOrders = new Map<string, ReadonlyArray<number>>()

export class CapacityIndex {
  /** Created on first use: most cells of a small cluster stay empty. */
  private readonly cells: Array<Set<number> | undefined>
  private readonly cellOf: Int16Array
  /** Cells per axis. */
  readonly size: number

  /**
   * `axes`: the two resources of the grid (the same one twice for a single
   * resource); `nodes`: how many nodes there are; `inUse`: how many of them
   * hold replicas, which sets the grid's size (empty nodes are never indexed).
   */
  constructor(private readonly axes: readonly [number, number], private readonly scale: Float64Array, nodes: number, inUse = nodes) {
    this.cellOf = new Int16Array(nodes).fill(-1)
    this.size = cellsFor(inUse)
    this.cells = new Array(this.size * this.size)
  }

  private bucket(axis: 0 | 1, amount: number): number {
    const k = this.axes[axis]
    const b = Math.floor((amount / (this.scale[k] ?? 1)) * this.size)
    return b < 0 ? 0 : b >= this.size ? this.size - 1 : b
  }

  /** The cell of a demand (or of free amounts): `amount(k)` per resource. */
  cellFor(amount: (k: number) => number): number {
    return this.bucket(0, amount(this.axes[0])) * this.size + this.bucket(1, amount(this.axes[1]))
  }

  /** Cells with at least the room of `start` in both axes: the ones that surely have room first, each part nearest diagonal first. */
  upward(start: number): ReadonlyArray<number> {
    const size = this.size
    let order = upwardOrders.get(`${size}/${start}`)
    if (order === undefined) {
      const r0 = Math.floor(start / size)
      const r1 = start % size
      const diagonal = (c: number) => Math.floor(c / size) + (c % size)
      const cells: Array<number> = []
      for (let a = r0; a < size; a++) for (let b = r1; b < size; b++) cells.push(a * size + b)
      // Cells with room in both axes for sure first; then the boundary cells, where some nodes fit and some do not.
      const boundary = (c: number) => Math.floor(c / size) === r0 || c % size === r1 ? 1 : 0
      order = cells.sort((x, y) => boundary(x) - boundary(y) || diagonal(x) - diagonal(y) || x - y)
      upwardOrders.set(`${size}/${start}`, order)
    }
    return order
  }

  /** Every cell, the nearest to `start` first: where room can be made. */
  near(start: number): ReadonlyArray<number> {
    const size = this.size
    let order = nearOrders.get(`${size}/${start}`)
    if (order === undefined) {
      const distance = (c: number) =>
        Math.abs(Math.floor(c / size) - Math.floor(start / size)) + Math.abs((c % size) - (start % size))
      order = Array.from({ length: size * size }, (_, c) => c).sort((x, y) => distance(x) - distance(y) || y - x)
      nearOrders.set(`${size}/${start}`, order)
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

  /** The diagonal of a cell: cells on one diagonal have about the same room. */
  diagonal(cell: number): number {
    return Math.floor(cell / this.size) + (cell % this.size)
  }
}
