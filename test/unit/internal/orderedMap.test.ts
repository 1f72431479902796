/**
 * The AVL tree behind the container's per-state order and the slots' queue,
 * case by case (the model-based check of any sequence is in properties/indexes.test.ts).
 */
import { describe, expect, it } from "vitest"
import * as OrderedMap from "../../../src/internal/orderedMap.js"

type Tree = OrderedMap.OrderedMap<string>

/** Every entry in key order, read straight from the nodes. */
const entries = (tree: Tree): Array<[number, string]> =>
  tree === undefined ? [] : [...entries(tree.left), [tree.key, tree.value], ...entries(tree.right)]

/** The AVL shape: keys ascending, heights and sizes right, children's heights within one of each other. Answers the first fault. */
const shapeFault = (tree: Tree, lo = -Infinity, hi = Infinity): string | undefined => {
  if (tree === undefined) return undefined
  const hl = tree.left?.height ?? 0
  const hr = tree.right?.height ?? 0
  if (!(tree.key > lo && tree.key < hi)) return `key ${tree.key} out of order`
  if (tree.height !== Math.max(hl, hr) + 1) return `height of ${tree.key} is ${tree.height}`
  if (tree.size !== (tree.left?.size ?? 0) + (tree.right?.size ?? 0) + 1) return `size of ${tree.key} is ${tree.size}`
  if (Math.abs(hl - hr) > 1) return `node ${tree.key} is unbalanced (${hl} against ${hr})`
  return shapeFault(tree.left, lo, tree.key) ?? shapeFault(tree.right, tree.key, hi)
}

const build = (keys: ReadonlyArray<number>): Tree => keys.reduce<Tree>((t, k) => OrderedMap.insert(t, k, `v${k}`), undefined)

describe("insert and remove", () => {
  it("rebalances a removal whose heavy child is evenly balanced with a single rotation", () => {
    // 10 has 5 (children 3←2 and 7→8, equal heights) on its left and 12→13 on its right: removing 13 tips it.
    const tree = build([10, 5, 12, 3, 7, 13, 2, 8])
    expect(shapeFault(tree)).toBeUndefined()
    const after = OrderedMap.remove(tree, 13)
    expect(shapeFault(after)).toBeUndefined()
    expect(after?.key).toBe(5)
    expect(entries(after).map(([k]) => k)).toEqual([2, 3, 5, 7, 8, 10, 12])
  })

  it("does the same on the right, mirrored", () => {
    const tree = build([10, 15, 8, 17, 13, 7, 18, 12])
    const after = OrderedMap.remove(tree, 7)
    expect(shapeFault(after)).toBeUndefined()
    expect(after?.key).toBe(15)
    expect(entries(after).map(([k]) => k)).toEqual([8, 10, 12, 13, 15, 17, 18])
  })

  it("stays an AVL tree through a long mixed run of inserts and removes, rotating only when a side is two taller", () => {
    // A fixed linear congruential sequence (its high bits: the low ones repeat early): the shapes a few thousand updates reach.
    let seed = 7
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0)
    let tree: Tree = undefined
    const present = new Set<number>()
    for (let step = 0; step < 3000; step++) {
      const draw = next()
      const key = (draw >>> 8) % 64
      if (present.has(key) && (draw & 3) !== 0) {
        tree = OrderedMap.remove(tree, key)
        present.delete(key)
      } else {
        tree = OrderedMap.insert(tree, key, `v${key}`)
        present.add(key)
      }
      const fault = shapeFault(tree)
      if (fault !== undefined) throw new Error(`step ${step} (key ${key}): ${fault}`)
    }
    expect(entries(tree).map(([k]) => k)).toEqual([...present].sort((x, y) => x - y))
  })

  it("answers undefined for an absent key and leaves the tree as it is when removing one", () => {
    const tree = build([1, 2, 3])
    expect(OrderedMap.lookup(tree, 9)).toBeUndefined()
    expect(OrderedMap.remove(tree, 9)).toBe(tree)
    expect(OrderedMap.remove(tree, 0)).toBe(tree)
    expect(OrderedMap.remove(build([4, 2, 6, 1, 3, 5, 7]), 2.5)).toStrictEqual(build([4, 2, 6, 1, 3, 5, 7]))
    expect(OrderedMap.first(undefined)).toBeUndefined()
    expect(OrderedMap.sizeOf(undefined)).toBe(0)
  })
})

describe("scans", () => {
  const tree = build([5, 1, 9, 3, 7])

  it("first is the smallest key, however deep it sits", () => {
    expect(OrderedMap.first(tree)?.key).toBe(1)
    expect(OrderedMap.first(build([5]))?.value).toBe("v5")
    expect(OrderedMap.first(OrderedMap.remove(tree, 1))?.key).toBe(3)
  })

  it("visits entries in key order and stops when told", () => {
    const seen: Array<number> = []
    OrderedMap.forEachWhile(tree, (_, k) => (seen.push(k), k < 5))
    expect(seen).toEqual([1, 3, 5])
    const out: Array<string> = []
    OrderedMap.appendValues(tree, out)
    expect(out).toEqual(["v1", "v3", "v5", "v7", "v9"])
  })
})

describe("fromSorted and appendRun", () => {
  it("builds a balanced tree of sorted entries", () => {
    const keys = Array.from({ length: 100 }, (_, i) => i * 2)
    const tree = OrderedMap.fromSorted(keys, keys.map((k) => `v${k}`))
    expect(shapeFault(tree)).toBeUndefined()
    expect(entries(tree).map(([k]) => k)).toEqual(keys)
  })

  it("appends a run after every key, one insert at a time when the run is short", () => {
    const tree = OrderedMap.fromSorted(Array.from({ length: 64 }, (_, i) => i), Array.from({ length: 64 }, (_, i) => `v${i}`))
    const after = OrderedMap.appendRun(tree, 100, ["a", "b"])
    expect(shapeFault(after)).toBeUndefined()
    expect(entries(after).slice(-3)).toEqual([[63, "v63"], [100, "a"], [101, "b"]])
    expect(OrderedMap.sizeOf(after)).toBe(66)
    expect(OrderedMap.sizeOf(tree)).toBe(64)
  })

  it("keeps every existing entry when a long run rebuilds the tree", () => {
    // Two appended to two: long enough for the linear rebuild.
    const tree = build([1, 2])
    const after = OrderedMap.appendRun(tree, 3, ["c", "d"])
    expect(shapeFault(after)).toBeUndefined()
    expect(entries(after)).toEqual([[1, "v1"], [2, "v2"], [3, "c"], [4, "d"]])
    expect(entries(OrderedMap.appendRun(undefined, 7, ["x"]))).toEqual([[7, "x"]])
    expect(entries(tree)).toEqual([[1, "v1"], [2, "v2"]])
  })
})
