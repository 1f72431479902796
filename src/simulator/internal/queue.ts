/**
 * The world's event queue: timed happenings (a node becomes ready, a replica
 * comes up or exits, the cloud drains a node) in a binary min-heap ordered by
 * time, then by insertion, so that equal times keep their order and a run is
 * deterministic.
 */

interface Entry<A> {
  readonly at: number
  readonly seq: number
  readonly item: A
}

/** A min-heap of items by time. */
export class EventQueue<A> {
  private readonly heap: Array<Entry<A>> = []
  private seq = 0

  get size(): number {
    return this.heap.length
  }

  /** Schedules `item` at time `at` (ms). */
  push(at: number, item: A): void {
    const heap = this.heap
    heap.push({ at, seq: this.seq++, item })
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(heap[i]!, heap[parent]!)) break
      swap(heap, i, parent)
      i = parent
    }
  }

  /** Removes and returns every item due at or before `now`, in time order. */
  popDue(now: number): Array<A> {
    const due: Array<A> = []
    while (this.heap.length > 0 && this.heap[0]!.at <= now) due.push(this.pop())
    return due
  }

  private pop(): A {
    const heap = this.heap
    const top = heap[0]!
    const last = heap.pop()!
    if (heap.length > 0) {
      heap[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r
        if (m === i) break
        swap(heap, i, m)
        i = m
      }
    }
    return top.item
  }
}

const before = <A>(a: Entry<A>, b: Entry<A>): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq)

const swap = <A>(heap: Array<A>, i: number, j: number): void => {
  const t = heap[i]!
  heap[i] = heap[j]!
  heap[j] = t
}
