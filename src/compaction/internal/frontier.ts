/**
 * The failure frontier: demands that found no destination since free
 * capacity last grew. A demand at least as large in every resource fails too,
 * without a scan; most drain attempts of a nearly packed cluster fail this
 * way. Anything that frees capacity (an undo, a kept node that a replica
 * leaves, a new round) forgets the frontier.
 */

/** How many failed demands are remembered at once: checking more costs more than the scans it saves. */
export const FRONTIER_SIZE = 32

export class FailureFrontier {
  private readonly failed: Array<Float64Array> = []

  /** Free capacity grew somewhere: what failed before may fit now. */
  grow(): void {
    this.failed.length = 0
  }

  /** Whether a demand (`demand(k)` for each of `resources`) is at least a remembered failure in every resource. */
  covers(demand: (k: number) => number): boolean {
    for (const f of this.failed) {
      let k = 0
      while (k < f.length && demand(k) >= (f[k] ?? 0)) k++
      if (k === f.length) return true
    }
    return false
  }

  /** Remembers a demand that found no destination (while there is room in the frontier). */
  record(demand: (k: number) => number, resources: number): void {
    if (this.failed.length < FRONTIER_SIZE) this.failed.push(Float64Array.from({ length: resources }, (_, k) => demand(k)))
  }
}
