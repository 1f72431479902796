/**
 * Minimum-slack fills: which one or two items of a pool fill a room best.
 * Best fit one item at a time leaves the gaps that exact pairs would close
 * (a node whose room two replicas fill exactly); a two-pointer walk over the
 * pool sorted by size finds the pair with the largest total that fits, in
 * one pass. A fill compares that pair with the best single item, so filling
 * a room again and again completes it with two, three or four items.
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
 * The free pair (positions i < j in `items`) with the largest total size at
 * most `room` that `fits` together, or undefined: a two-pointer walk from
 * both ends of the pool.
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

/**
 * The best completion of a room: the free single item or pair with the
 * largest total size at most `room` that fits (items by id), or an empty
 * array when nothing fits.
 */
export const bestFill = (
  pool: Pool,
  room: number,
  fitsOne: (item: number) => boolean,
  fitsTwo: (a: number, b: number) => boolean
): ReadonlyArray<number> => {
  const { items, size } = pool
  const single = bestSingle(pool, room, fitsOne)
  const pair = bestPair(pool, room, fitsTwo)
  const singleSize = single < 0 ? -1 : size[items[single] ?? 0] ?? 0
  if (pair !== undefined) {
    const [i, j] = pair
    const a = items[i] ?? 0
    const b = items[j] ?? 0
    if ((size[a] ?? 0) + (size[b] ?? 0) > singleSize) return [b, a]
  }
  return single < 0 ? [] : [items[single] ?? 0]
}
