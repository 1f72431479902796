/**
 * Martello and Toth's L2 lower bound on the bins of one capacity that items
 * of the given sizes need (L1, the size sum over the capacity, at α = 0).
 * Shared by the classic generators and the compaction benchmark's references.
 *
 * @internal
 */
export const l2 = (sizes: ReadonlyArray<number>, c: number): number => {
  if (c <= 0) return 0
  const w = sizes.filter((x) => x > 0)
  let best = Math.ceil(w.reduce((a, b) => a + b, 0) / c)
  for (const alpha of new Set([0, ...w.filter((x) => x <= c / 2)])) {
    let j1 = 0
    let j2 = 0
    let sumJ2 = 0
    let sumJ3 = 0
    for (const x of w) {
      if (x > c - alpha) j1++
      else if (x > c / 2) (j2++, (sumJ2 += x))
      else if (x >= alpha) sumJ3 += x
    }
    best = Math.max(best, j1 + j2 + Math.max(0, Math.ceil((sumJ3 - (j2 * c - sumJ2)) / c)))
  }
  return best
}
