/**
 * Minimum-slack fills: which one, two or three items of a pool fill a room
 * best. Best fit one item at a time leaves the gaps that exact pairs and
 * triples would close (a node whose room two or three replicas fill
 * exactly); a two-pointer walk over the pool sorted by size finds a pair in
 * one pass (the one with the largest total when no pair under the room is
 * refused), and a triple is a first item (of a few distinct sizes) and the
 * walk's pair of the rest. A fill takes the best of the three, so filling a room again and again completes it with two
 * to six items.
 */

/** The pool: items sorted by size ascending, and which of them are still free. */
export interface Pool {
  /** Item ids, ascending by `size`. */
  readonly items: Int32Array
  /** The size of each item id: the key the fill maximises. */
  readonly size: Float64Array
  /** 1 while the item (by id) is free. */
  readonly free: Uint8Array
}

/** How many pairs under the room a walk checks in full (every resource, limits): a pair that fails is often followed by near twins that fail too. */
const PAIR_CHECKS = 256

/** The largest free item (by position in `items`) of size at most `room` that `fits`, or -1. */
export const bestSingle = (pool: Pool, room: number, fits: (item: number) => boolean, below = pool.items.length): number => {
  const { items, size, free } = pool
  let lo = 0
  let hi = below
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((size[items[mid] ?? 0] ?? 0) > room) hi = mid
    else lo = mid + 1
  }
  for (let i = lo - 1; i >= 0; i--) {
    const item = items[i] ?? 0
    if (free[item] === 1 && fits(item)) return i
  }
  return -1
}

/**
 * A free pair (positions i < j in `items`) of total size at most `room`
 * that `fits` together, or undefined: a two-pointer walk from both ends of
 * the pool, which asks `fits` only about a pair whose total beats the best
 * pair so far. The pair has the largest such total when `fits` refuses no
 * pair under the room; a refused pair's larger item is tried next with the
 * larger partners only, so a smaller pair without it can be missed.
 */
export const bestPair = (
  pool: Pool,
  room: number,
  fits: (a: number, b: number) => boolean
): readonly [number, number] | undefined => {
  const { items, size, free } = pool
  let lo = 0
  let hi = items.length - 1
  let best: readonly [number, number] | undefined
  let bestTotal = -1
  let checks = 0
  while (lo < hi && checks < PAIR_CHECKS) {
    const a = items[lo] ?? 0
    const b = items[hi] ?? 0
    if (free[a] !== 1) {
      lo++
      continue
    }
    if (free[b] !== 1) {
      hi--
      continue
    }
    const total = (size[a] ?? 0) + (size[b] ?? 0)
    if (total > room) {
      hi--
      continue
    }
    if (total > bestTotal) {
      checks++
      if (fits(a, b)) (best = [lo, hi]), (bestTotal = total)
    }
    lo++
  }
  return best
}

/** How many first items (of distinct sizes, the largest first) a triple search tries: each costs one pair walk. */
const TRIPLE_FIRSTS = 16

/**
 * A free triple of total size at most `room` that `fits` together, or
 * undefined: of the `TRIPLE_FIRSTS` largest distinct sizes at most `room`
 * (of a free item with two items below it), each with `bestPair` of the
 * smaller items, the triple with the largest total. On a tie, the triple with the larger first item:
 * the smaller items are the easier ones to place later.
 */
export const bestTriple = (
  pool: Pool,
  room: number,
  fits: (a: number, b: number, c: number) => boolean
): readonly [number, number, number] | undefined => {
  const { items, size, free } = pool
  let best: readonly [number, number, number] | undefined
  let bestTotal = -1
  let tried = 0
  let previous = -1
  // (a first item needs two items below it: positions 0 and 1 have fewer)
  for (let i = bestSingle(pool, room, () => true); i >= 2 && tried < TRIPLE_FIRSTS; i--) {
    const first = items[i] ?? 0
    const s = size[first] ?? 0
    if (free[first] !== 1 || s === previous) continue
    previous = s
    tried++
    // The two others come from the smaller ones (positions below i), so each triple is seen once, largest first.
    free[first] = 0
    const pair = bestPair({ items: items.subarray(0, i), size, free }, room - s, (a, b) => fits(first, a, b))
    free[first] = 1
    if (pair === undefined) continue
    const a = items[pair[0]] ?? 0
    const b = items[pair[1]] ?? 0
    const total = s + (size[a] ?? 0) + (size[b] ?? 0)
    if (total > bestTotal) (best = [first, b, a]), (bestTotal = total)
  }
  return best
}

/**
 * The best completion of a room that the searches above find: of the
 * single item, the pair and the triple, the one with the largest total size
 * (items by id; fewer items on a tie), or an empty array when nothing fits.
 */
export const bestFill = (
  pool: Pool,
  room: number,
  fits: (items: ReadonlyArray<number>) => boolean
): ReadonlyArray<number> => {
  const { items, size } = pool
  const total = (chosen: ReadonlyArray<number>) => chosen.reduce((sum, item) => sum + (size[item] ?? 0), 0)
  const single = bestSingle(pool, room, (a) => fits([a]))
  let best: ReadonlyArray<number> = single < 0 ? [] : [items[single] ?? 0]
  const pair = bestPair(pool, room, (a, b) => fits([a, b]))
  if (pair !== undefined) {
    const chosen = [items[pair[1]] ?? 0, items[pair[0]] ?? 0]
    if (total(chosen) > total(best)) best = chosen
  }
  const triple = bestTriple(pool, room, (a, b, c) => fits([a, b, c]))
  if (triple !== undefined && total(triple) > total(best)) best = triple
  return best
}
