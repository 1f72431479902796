/**
 * Lower bounds on the nodes any plan keeps: the search stops as soon as its
 * best result reaches one. A plan only uses nodes that hold a replica at the
 * start (an empty node is never a destination), so the bounds are taken over
 * those nodes: the nodes that must stay (not releasable, or holding an
 * unmovable replica), per resource the total demand over the largest node (L1)
 * and, where every such node has the same capacity of it, Martello and
 * Toth's L2; and per deployment its replicas over its per-node limit.
 */
import {
  capacityOf,
  deploymentCount,
  deploymentOf,
  demandOf,
  type Instance,
  limitOf,
  nodeCount,
  resourceCount
} from "./instance.js"

/**
 * Martello and Toth's L2 for item sizes `sizes` (ascending) in bins of
 * capacity c: at least the L1 bound ⌈Σ / c⌉. 0 when c ≤ 0: there is no bin to
 * count, and 0 bounds every count from below.
 */
export const l2 = (sizes: Float64Array, c: number): number => {
  if (c <= 0) return 0
  const n = sizes.length
  const prefix = new Float64Array(n + 1)
  sizes.forEach((s, i) => (prefix[i + 1] = (prefix[i] ?? 0) + s))
  const sumUpTo = (i: number) => prefix[i] ?? 0
  // The first index whose size is above x (sizes ascending).
  const above = (x: number): number => {
    let lo = 0
    let hi = n
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((sizes[mid] ?? 0) > x) hi = mid
      else lo = mid + 1
    }
    return lo
  }
  // The first index whose size is at least x.
  const atLeast = (x: number): number => {
    let lo = 0
    let hi = n
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((sizes[mid] ?? 0) >= x) hi = mid
      else lo = mid + 1
    }
    return lo
  }
  const half = above(c / 2)
  // L(alpha): the items above c - alpha, those above c / 2, and the room the latter leave short of the items in [alpha, c / 2].
  const bound = (alpha: number): number => {
    const big = above(c - alpha)
    const j1 = n - big
    const j2 = big - half
    const sumJ2 = sumUpTo(big) - sumUpTo(half)
    const sumJ3 = sumUpTo(half) - sumUpTo(atLeast(alpha))
    return j1 + j2 + Math.max(0, Math.ceil((sumJ3 - (j2 * c - sumJ2)) / c))
  }
  let best = Math.max(Math.ceil(sumUpTo(n) / c), bound(0))
  // alpha = 0, then each distinct size up to c / 2: above(size) is the index of the next distinct one.
  for (let i = 0; i < half; i = above(sizes[i] ?? 0)) best = Math.max(best, bound(sizes[i] ?? 0))
  return best
}

/** The nodes that stay whatever the plan: not releasable, or holding a replica that may not move. */
export const anchoredNodes = (instance: Instance, placement: Int32Array): Uint8Array => {
  const anchored = new Uint8Array(nodeCount(instance))
  placement.forEach((n, r) => {
    if (instance.releasable[n] !== 1 || instance.replicaMovable[r] !== 1) anchored[n] = 1
  })
  return anchored
}

/** The nodes that hold a replica in a placement. */
export const usedNodes = (instance: Instance, placement: Int32Array): Uint8Array => {
  const used = new Uint8Array(nodeCount(instance))
  placement.forEach((n) => (used[n] = 1))
  return used
}

/**
 * The fewest non-empty nodes any plan from this placement can end with, in
 * steps: one per resource (each sorts every replica's demand), then the
 * per-node limits; the generator returns the bound.
 */
export function* lowerBoundSteps(instance: Instance, placement: Int32Array): Generator<void, number> {
  const R = resourceCount(instance)
  let bound = anchoredNodes(instance, placement).reduce((a, b) => a + b, 0)
  for (let k = 0; k < R; k++) {
    yield
    // Over the nodes in use: the nodes of the placement.
    let largest = 0
    let smallest = Infinity
    placement.forEach((n) => {
      largest = Math.max(largest, capacityOf(instance, n, k))
      smallest = Math.min(smallest, capacityOf(instance, n, k))
    })
    const sizes = Float64Array.from(instance.replicaDeployment, (d) => demandOf(instance, d, k)).sort()
    if (largest === smallest) bound = Math.max(bound, l2(sizes, largest))
    else if (largest > 0) bound = Math.max(bound, Math.ceil(sizes.reduce((a, b) => a + b, 0) / largest))
  }
  yield
  const perDeployment = new Int32Array(deploymentCount(instance))
  placement.forEach((_, r) => (perDeployment[deploymentOf(instance, r)] = (perDeployment[deploymentOf(instance, r)] ?? 0) + 1))
  perDeployment.forEach((count, d) => {
    const limit = limitOf(instance, d)
    if (limit > 0) bound = Math.max(bound, Math.ceil(count / limit))
  })
  return bound
}

/** The fewest non-empty nodes any plan from this placement can end with. */
export const lowerBound = (instance: Instance, placement: Int32Array): number => {
  const steps = lowerBoundSteps(instance, placement)
  for (let step = steps.next(); ; step = steps.next()) if (step.done === true) return step.value
}
