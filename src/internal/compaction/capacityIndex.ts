/**
 * Destination nodes bucketed by free capacity, one bucket array per resource:
 * a best-fit query scans the buckets of the replica's tightest resource from
 * the smallest free capacity that can hold it, instead of every node. With
 * 64 buckets a query at 10,000 nodes looks at a few dozen nodes, where a scan
 * would look at thousands (bench/compaction: plan time at 10,000 nodes).
 */
export const BUCKETS = 64

const NONE: ReadonlySet<number> = new Set()

export class CapacityIndex {
  /** Created on first use: most buckets of a small cluster stay empty. */
  private readonly buckets: Array<Set<number> | undefined>
  private readonly bucketOf: Int16Array

  constructor(
    private readonly resources: number,
    private readonly scale: Float64Array,
    nodes: number
  ) {
    this.buckets = new Array<Set<number> | undefined>(resources * BUCKETS)
    this.bucketOf = new Int16Array(nodes * resources).fill(-1)
  }

  /** The bucket of a free amount of resource k. */
  bucket(k: number, free: number): number {
    const b = Math.floor((free / (this.scale[k] ?? 1)) * BUCKETS)
    return b < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b
  }

  /** The nodes whose free amount of resource k falls into bucket b, in insertion order. */
  nodesIn(k: number, b: number): ReadonlySet<number> {
    return this.buckets[k * BUCKETS + b] ?? NONE
  }

  /** Puts node n into the buckets of its free amounts (`free(k)`), or moves it there. */
  set(n: number, free: (k: number) => number): void {
    for (let k = 0; k < this.resources; k++) {
      const b = this.bucket(k, free(k))
      const at = n * this.resources + k
      const old = this.bucketOf[at] ?? -1
      if (old === b) continue
      if (old >= 0) this.buckets[k * BUCKETS + old]?.delete(n)
      const bucket = this.buckets[k * BUCKETS + b] ?? new Set<number>()
      this.buckets[k * BUCKETS + b] = bucket
      bucket.add(n)
      this.bucketOf[at] = b
    }
  }

  has(n: number): boolean {
    return (this.bucketOf[n * this.resources] ?? -1) >= 0
  }

  /** Takes node n out of the index. */
  delete(n: number): void {
    for (let k = 0; k < this.resources; k++) {
      const at = n * this.resources + k
      const old = this.bucketOf[at] ?? -1
      if (old >= 0) this.buckets[k * BUCKETS + old]?.delete(n)
      this.bucketOf[at] = -1
    }
  }
}
