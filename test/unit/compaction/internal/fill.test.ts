/** `fill`: the best single and pair against brute force. */
import { describe, expect, it } from "vitest"
import { bestFill, bestPair, bestSingle, bestTriple, type Pool } from "../../../../src/compaction/internal/fill.js"

const poolOf = (sizes: ReadonlyArray<number>): Pool => {
  const items = Int32Array.from(sizes.map((_, i) => i).sort((a, b) => (sizes[a] ?? 0) - (sizes[b] ?? 0) || a - b))
  return { items, size: Float64Array.from(sizes), free: new Uint8Array(sizes.length).fill(1) }
}

describe("fill", () => {
  it("fills a room exactly with a pair where best fit of one item leaves a gap", () => {
    const pool = poolOf([7, 5, 4, 6])
    // Room 10: the best single is 7 (gap 3); 6 + 4 fills it.
    expect(bestFill(pool, 10, () => true)).toEqual([3, 2])
    expect(bestSingle(pool, 10, () => true)).toBe(3)
  })

  it("finds the largest pair total under the room, as brute force does, skipping used items", () => {
    let seed = 5
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31)
    for (let t = 0; t < 200; t++) {
      const sizes = Array.from({ length: 2 + Math.floor(next() * 12) }, () => 1 + Math.floor(next() * 20))
      const pool = poolOf(sizes)
      sizes.forEach((_, i) => (pool.free[i] = next() < 0.2 ? 0 : 1))
      const room = Math.floor(next() * 30)
      let best = -1
      for (let a = 0; a < sizes.length; a++) {
        for (let b = a + 1; b < sizes.length; b++) {
          const total = (sizes[a] ?? 0) + (sizes[b] ?? 0)
          if (pool.free[a] === 1 && pool.free[b] === 1 && total <= room) best = Math.max(best, total)
        }
      }
      const pair = bestPair(pool, room, () => true)
      const total = pair === undefined ? -1 : (sizes[pool.items[pair[0]] ?? 0] ?? 0) + (sizes[pool.items[pair[1]] ?? 0] ?? 0)
      expect(total, JSON.stringify({ sizes, room })).toBe(best)
    }
  })

  it("fills a room with a triple where no pair fills it (the first-fit-decreasing trap's 320 + 280 + 280 = 880)", () => {
    const pool = poolOf([320, 320, 280, 280, 280])
    const fill = bestFill(pool, 880, () => true)
    expect(fill.map((i) => [320, 320, 280, 280, 280][i]).sort()).toEqual([280, 280, 320])
    expect(bestTriple(pool, 880, (a, b, c) => a !== 0 && b !== 0 && c !== 0)?.map((i) => [320, 320, 280, 280, 280][i]).sort()).toEqual([280, 280, 320])
  })

  it("finds the largest triple total under the room, as brute force does, skipping used items", () => {
    let seed = 11
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31)
    for (let t = 0; t < 300; t++) {
      // At most 14 items: fewer distinct sizes than a triple search tries, and fewer pairs than a walk checks.
      const sizes = Array.from({ length: 3 + Math.floor(next() * 12) }, () => 1 + Math.floor(next() * 20))
      const pool = poolOf(sizes)
      sizes.forEach((_, i) => (pool.free[i] = next() < 0.2 ? 0 : 1))
      const room = Math.floor(next() * 50)
      let best = -1
      for (let a = 0; a < sizes.length; a++) {
        for (let b = a + 1; b < sizes.length; b++) {
          for (let c = b + 1; c < sizes.length; c++) {
            const total = (sizes[a] ?? 0) + (sizes[b] ?? 0) + (sizes[c] ?? 0)
            if (pool.free[a] === 1 && pool.free[b] === 1 && pool.free[c] === 1 && total <= room) best = Math.max(best, total)
          }
        }
      }
      const free = pool.free.slice()
      const triple = bestTriple(pool, room, () => true)
      const total = triple === undefined ? -1 : triple.reduce((sum, item) => sum + (sizes[item] ?? 0), 0)
      expect(total, JSON.stringify({ sizes, room })).toBe(best)
      expect(new Set(triple ?? []).size).toBe(triple === undefined ? 0 : 3)
      expect(pool.free).toEqual(free)
    }
  })

  it("prefers a later first item whose triple is larger (8 + 1 + 0.5 = 9.5 before 5 + 4 + 1 = 10)", () => {
    const sizes = [8, 5, 4, 1, 0.5]
    expect(bestTriple(poolOf(sizes), 10, () => true)?.map((item) => sizes[item]).sort()).toEqual([1, 4, 5])
  })

  it("takes the triple with the larger first item on a tie (5 + 3 + 1 before 4 + 3 + 2)", () => {
    const sizes = [5, 4, 3, 2, 1]
    expect(bestTriple(poolOf(sizes), 9, () => true)?.map((item) => sizes[item]).sort()).toEqual([1, 3, 5])
  })

  it("fills a room with the three smallest items, the largest of them of size 1", () => {
    expect(bestTriple(poolOf([1, 2, 3]), 6, () => true)?.slice().sort()).toEqual([0, 1, 2])
    expect(bestTriple(poolOf([1, 0.5, 0.25]), 2, () => true)?.slice().sort()).toEqual([0, 1, 2])
  })

  it("tries first items of the 16 largest distinct sizes, one item per size", () => {
    // Sizes 1 … 40, each twice; the room takes any three, and no triple fits.
    const sizes = Array.from({ length: 80 }, (_, i) => 1 + (i % 40))
    const firsts: Array<number> = []
    bestTriple(poolOf(sizes), 1000, (first) => {
      if (firsts.at(-1) !== first) firsts.push(first)
      return false
    })
    expect(firsts.map((item) => sizes[item])).toEqual(Array.from({ length: 16 }, (_, i) => 40 - i))
  })

  it("fills a room with the smallest item alone when nothing larger fits", () => {
    expect(bestFill(poolOf([5, 1]), 2, () => true)).toEqual([1])
  })

  it("takes only a single, pair or triple that fits", () => {
    // Room 8 takes 5 + 3 and 4 + 3 + 1, but nothing with item 2 (size 3) fits: the best is then 5 + 1.
    const sizes = [5, 4, 3, 1]
    expect(bestFill(poolOf(sizes), 8, (items) => !items.includes(2)).map((item) => sizes[item]).sort()).toEqual([1, 5])
  })

  it("returns nothing when nothing fits", () => {
    expect(bestFill(poolOf([5, 6]), 4, () => true)).toEqual([])
    expect(bestFill(poolOf([2, 3]), 10, () => false)).toEqual([])
  })

  it("takes the largest item at most the room: one of exactly the room's size, down to the smallest", () => {
    // Sizes by id 7, 5, 4, 6: by position 4 (id 2), 5 (id 1), 6 (id 3), 7 (id 0).
    const pool = poolOf([7, 5, 4, 6])
    expect(bestSingle(pool, 6, () => true)).toBe(2)
    expect(bestSingle(pool, 4, () => true)).toBe(0)
    expect(bestSingle(pool, 10, (item) => item === 2)).toBe(0)
    expect(bestSingle(pool, 3, () => true)).toBe(-1)
  })

  it("fills a room with items whose sizes add up to less than one (sizes are normalised, often fractions)", () => {
    const sizes = [0.25, 0.5, 0.125]
    const pool = poolOf(sizes)
    const pair = bestPair(pool, 1, () => true)
    expect(pair?.map((position) => sizes[pool.items[position] ?? 0])).toEqual([0.25, 0.5])
    expect(bestTriple(pool, 1, () => true)?.map((item) => sizes[item]).sort()).toEqual([0.125, 0.25, 0.5])
    expect(bestFill(pool, 0.4, () => true).map((item) => sizes[item]).sort()).toEqual([0.125, 0.25])
  })

  it("takes fewer items on a tie", () => {
    // Room 6: the single 6, the pair 4 + 2 and the triple 3 + 2 + 1 all fill it.
    const sizes = [2, 6, 1, 4, 3]
    expect(bestFill(poolOf(sizes), 6, () => true).map((item) => sizes[item])).toEqual([6])
    // Without the 6: the pair 4 + 2 before the triple 3 + 2 + 1.
    expect(bestFill(poolOf(sizes), 6, (items) => !items.includes(1)).map((item) => sizes[item]).sort()).toEqual([2, 4])
  })

  it("checks at most 256 pairs under the room in full", () => {
    // 600 items of size 1, room 10: every pair is under the room, and none fits.
    const pool = poolOf(Array.from({ length: 600 }, () => 1))
    let checks = 0
    expect(bestPair(pool, 10, () => (checks++, false))).toBeUndefined()
    expect(checks).toBe(256)
  })

  it("asks about a pair only when its total beats the best pair so far", () => {
    // Every pair of these equal items totals 2: once the first fits, no other pair can beat it.
    const pool = poolOf(Array.from({ length: 600 }, () => 1))
    let checks = 0
    const pair = bestPair(pool, 10, () => (checks++, true))
    expect(pair?.map((position) => pool.size[pool.items[position] ?? 0])).toEqual([1, 1])
    expect(checks).toBe(1)
  })
})
