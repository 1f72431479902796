/**
 * First fit over a row of bins in O(log n) per query: a segment tree whose
 * every inner node holds, per resource, the most free room of any bin below
 * it. A query walks down the leftmost subtree that may have room in every
 * resource and backs up when a bin turns out not to fit (with several
 * resources, the most room of each may sit in different bins), so it finds
 * exactly the first bin that fits, as a scan from the left would.
 */
export class FirstFitTree {
  /** Leaves from `width` on; the free room of node i, resource k, at i * R + k. */
  private readonly room: Float64Array
  private readonly width: number

  /** `bins` bins of `resources` resources each, all without room until `set`. */
  constructor(readonly bins: number, private readonly resources: number) {
    let width = 1
    while (width < bins) width *= 2
    this.width = width
    this.room = new Float64Array(2 * width * resources).fill(-1)
  }

  /** Sets bin b's free room (`free(k)` per resource). */
  set(b: number, free: (k: number) => number): void {
    const R = this.resources
    let i = this.width + b
    for (let k = 0; k < R; k++) this.room[i * R + k] = free(k)
    for (i >>= 1; i >= 1; i >>= 1) {
      for (let k = 0; k < R; k++) {
        this.room[i * R + k] = Math.max(this.room[2 * i * R + k] ?? -1, this.room[(2 * i + 1) * R + k] ?? -1)
      }
    }
  }

  private mayFit(i: number, demand: ArrayLike<number>): boolean {
    const R = this.resources
    for (let k = 0, j = i * R; k < R; k++, j++) if ((this.room[j] ?? -1) < (demand[k] ?? 0)) return false
    return true
  }

  /** The first bin with room for `demand` (an amount per resource) that `accepts` too, or -1. */
  first(demand: ArrayLike<number>, accepts: (b: number) => boolean = () => true): number {
    return this.search(1, demand, accepts)
  }

  private search(i: number, demand: ArrayLike<number>, accepts: (b: number) => boolean): number {
    if (!this.mayFit(i, demand)) return -1
    if (i >= this.width) {
      const b = i - this.width
      return b < this.bins && accepts(b) ? b : -1
    }
    const left = this.search(2 * i, demand, accepts)
    return left >= 0 ? left : this.search(2 * i + 1, demand, accepts)
  }
}
