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

/** Cell orders depend on the grid size and the start cell alone: computed once per process. */
const upwardOrders = new Map<number, ReadonlyArray<number>>()
const nearOrders = new Map<number, ReadonlyArray<number>>()
/** The key of a grid size and a start cell in the order caches (a start cell is below 32 × 32). */
const orderKey = (size: number, start: number): number => size * 1024 + start

/**
 * Up to this many occupied cells a query sorts them into the upward order;
 * above it, it walks the whole cached order: a sort of a few dozen cells
 * costs less than a walk over the empty cells of a 32 × 32 grid, which is
 * most of a failing query's time at 10,000 nodes.
 */
const SORT_OCCUPIED_UP_TO = 64

export class CapacityIndex {
  // Each cell's nodes in insertion order, as a linked list over typed arrays: a query walks them without allocating, millions of times per plan at 10,000 nodes.
  /** The first and the last node of each cell (-1: empty). */
  private readonly head: Int32Array
  private readonly tail: Int32Array
  /** The next and the previous node in a node's cell (-1: none). */
  private readonly after: Int32Array
  private readonly before: Int32Array
  /** How many nodes each cell holds. */
  private readonly count: Int32Array
  private indexed = 0
  /** Each node's cell, -1 when it is not indexed. */
  private readonly cellOf: Int16Array
  /** Cells per axis. */
  readonly size: number
  /** Per grid row, a bit per column whose cell holds a node (at most 32 columns). */
  private readonly occupiedColumns: Uint32Array

  /**
   * `axes`: the two resources of the grid (the same one twice for a single
   * resource); `nodes`: how many nodes there are; `inUse`: how many of them
   * hold replicas, which sets the grid's size (empty nodes are never indexed).
   */
  constructor(private readonly axes: readonly [number, number], private readonly scale: Float64Array, nodes: number, inUse = nodes) {
    this.cellOf = new Int16Array(nodes).fill(-1)
    this.size = cellsFor(inUse)
    const cells = this.size * this.size
    this.head = new Int32Array(cells).fill(-1)
    this.tail = new Int32Array(cells).fill(-1)
    this.count = new Int32Array(cells)
    this.after = new Int32Array(nodes).fill(-1)
    this.before = new Int32Array(nodes).fill(-1)
    this.occupiedColumns = new Uint32Array(this.size)
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
    let order = upwardOrders.get(orderKey(size, start))
    if (order === undefined) {
      const r0 = Math.floor(start / size)
      const r1 = start % size
      const diagonal = (c: number) => Math.floor(c / size) + (c % size)
      const cells: Array<number> = []
      for (let a = r0; a < size; a++) for (let b = r1; b < size; b++) cells.push(a * size + b)
      // Cells with room in both axes for sure first; then the boundary cells, where some nodes fit and some do not.
      // (the sort is stable and the cells are listed by index, so ties stay by index)
      const boundary = (c: number) => Math.floor(c / size) === r0 || c % size === r1 ? 1 : 0
      order = cells.sort((x, y) => boundary(x) - boundary(y) || diagonal(x) - diagonal(y))
      upwardOrders.set(orderKey(size, start), order)
    }
    return order
  }

  /** The cells of `upward(start)` that hold a node, in the same order. */
  upwardOccupied(start: number): ReadonlyArray<number> {
    const size = this.size
    const r0 = Math.floor(start / size)
    const r1 = start % size
    const columns = (0xffffffff << r1) >>> 0
    const cells: Array<number> = []
    for (let a = r0; a < size; a++) {
      let bits = ((this.occupiedColumns[a] ?? 0) & columns) >>> 0
      while (bits !== 0) {
        const low = (bits & -bits) >>> 0
        cells.push(a * size + 31 - Math.clz32(low))
        bits = (bits ^ low) >>> 0
      }
      if (cells.length > SORT_OCCUPIED_UP_TO) return this.upward(start).filter((c) => (this.count[c] ?? 0) > 0)
    }
    // The order of `upward`: the cells surely with room, then the boundary; each by diagonal, then by index.
    const key = (c: number) => ((Math.floor(c / size) === r0 || c % size === r1 ? 1 : 0) * 2 * size + this.diagonal(c)) * size * size + c
    return cells.sort((x, y) => key(x) - key(y))
  }

  /** Every cell, the nearest to `start` first (of equally near cells, the higher, roomier one first): where room can be made. */
  near(start: number): ReadonlyArray<number> {
    const size = this.size
    let order = nearOrders.get(orderKey(size, start))
    if (order === undefined) {
      const distance = (c: number) =>
        Math.abs(Math.floor(c / size) - Math.floor(start / size)) + Math.abs((c % size) - (start % size))
      order = Array.from({ length: size * size }, (_, c) => c).sort((x, y) => distance(x) - distance(y) || y - x)
      nearOrders.set(orderKey(size, start), order)
    }
    return order
  }

  /** How many nodes the index holds. */
  get total(): number {
    return this.indexed
  }

  /** How many nodes a cell holds. */
  countIn(cell: number): number {
    return this.count[cell] ?? 0
  }

  /** The first node of a cell in insertion order, -1 when it is empty. */
  firstIn(cell: number): number {
    return this.head[cell] ?? -1
  }

  /** The node after n in its cell, -1 after the last. */
  nextIn(n: number): number {
    return this.after[n] ?? -1
  }

  /** Puts node n into the cell of its free amounts (`free(k)`), or moves it there. */
  set(n: number, free: (k: number) => number): void {
    const cell = this.cellFor(free)
    const old = this.cellOf[n] ?? -1
    if (old === cell) return
    if (old >= 0) this.leave(n, old)
    const last = this.tail[cell] ?? -1
    this.before[n] = last
    this.after[n] = -1
    if (last >= 0) this.after[last] = n
    else this.head[cell] = n
    this.tail[cell] = n
    this.count[cell] = (this.count[cell] ?? 0) + 1
    if (old < 0) this.indexed++
    this.cellOf[n] = cell
    const row = Math.floor(cell / this.size)
    this.occupiedColumns[row] = ((this.occupiedColumns[row] ?? 0) | (1 << cell % this.size)) >>> 0
  }

  /** Takes node n out of its cell, and marks the cell empty when it was the last. */
  private leave(n: number, cell: number): void {
    const previous = this.before[n] ?? -1
    const next = this.after[n] ?? -1
    if (previous >= 0) this.after[previous] = next
    else this.head[cell] = next
    if (next >= 0) this.before[next] = previous
    else this.tail[cell] = previous
    this.count[cell] = (this.count[cell] ?? 0) - 1
    if ((this.count[cell] ?? 0) > 0) return
    const row = Math.floor(cell / this.size)
    this.occupiedColumns[row] = ((this.occupiedColumns[row] ?? 0) & ~(1 << cell % this.size)) >>> 0
  }

  has(n: number): boolean {
    return (this.cellOf[n] ?? -1) >= 0
  }

  /** Takes node n out of the index. */
  delete(n: number): void {
    const old = this.cellOf[n] ?? -1
    if (old >= 0) this.leave(n, old), this.indexed--
    this.cellOf[n] = -1
  }

  /** The diagonal of a cell: cells on one diagonal have about the same room. */
  diagonal(cell: number): number {
    return Math.floor(cell / this.size) + (cell % this.size)
  }
}
