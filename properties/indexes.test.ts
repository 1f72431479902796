/**
 * The container's two persistent indexes against plain models: the hash trie
 * (ids → locations) against a `Map`, with keys colliding two and three at a time in the pool;
 * the AVL tree (sequence → replica) against a sorted array. Every version
 * handed out must keep answering as it did (persistence).
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Ids from "../src/internal/stringMap.js"
import * as Avl from "../src/internal/orderedMap.js"
import { collisionGroup } from "./support/collisions.js"
import { propertyParameters } from "./support/settings.js"

/** The suite's main budget; a deep run scales the other budgets by the same ratio. */
const CI_RUNS = 300

/** Three groups of three distinct keys with equal 32-bit hashes: collisions of two and of three. */
const collidingKeys = ["replica-a", "replica-b", "replica-c"].flatMap((seed) => collisionGroup(seed, 3))

const keys = [...Array.from({ length: 40 }, (_, i) => `replica-${i}`), ...collidingKeys]

type HashOp =
  | { readonly kind: "set"; readonly key: string; readonly value: number }
  | { readonly kind: "remove"; readonly key: string }
  | { readonly kind: "insertMany"; readonly keys: ReadonlyArray<string>; readonly base: number }
  | { readonly kind: "removeMany"; readonly keys: ReadonlyArray<string> }

const key = fc.constantFrom(...keys)
const hashOp: fc.Arbitrary<HashOp> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), key, value: fc.nat(1000) }),
  fc.record({ kind: fc.constant("remove" as const), key }),
  fc.record({ kind: fc.constant("insertMany" as const), keys: fc.array(key, { maxLength: 30 }), base: fc.nat(1000) }),
  fc.record({ kind: fc.constant("removeMany" as const), keys: fc.array(key, { maxLength: 30 }) })
)

const applyHash = (index: Ids.StringMap, model: Map<string, number>, op: HashOp): [Ids.StringMap, Map<string, number>] => {
  const next = new Map(model)
  switch (op.kind) {
    case "set":
      next.set(op.key, op.value)
      return [Ids.set(index, op.key, op.value), next]
    case "remove":
      next.delete(op.key)
      return [Ids.remove(index, op.key), next]
    case "insertMany": {
      const inserted = Ids.insertMany(index, op.keys, (i) => op.base + i)
      const seen = new Set<string>()
      const present = op.keys.find((k) => model.has(k) || seen.has(k) || (seen.add(k), false))
      if (inserted.present !== present) throw new Error(`insertMany answered ${inserted.present}, expected ${present}`)
      if (inserted.present !== undefined) return [index, model]
      op.keys.forEach((k, i) => next.set(k, op.base + i))
      return [inserted.map, next]
    }
    case "removeMany":
      op.keys.forEach((k) => next.delete(k))
      return [Ids.removeMany(index, op.keys), next]
  }
}

const agrees = (index: Ids.StringMap, model: ReadonlyMap<string, number>) =>
  keys.every((k) => Ids.get(index, k) === model.get(k))

describe("hash trie (id index)", () => {
  it("the key pool holds real hash collisions", () => {
    expect(new Set(collidingKeys.map(Ids.hashOf)).size).toBe(3)
    expect(new Set(collidingKeys).size).toBe(9)
  })

  it("answers as a Map after every operation, and every earlier version still answers as it did", () => {
    fc.assert(
      fc.property(fc.array(hashOp, { maxLength: 80 }), (ops) => {
        const versions: Array<[Ids.StringMap, Map<string, number>]> = [[undefined, new Map()]]
        for (const op of ops) {
          const [index, model] = versions[versions.length - 1] as [Ids.StringMap, Map<string, number>]
          const next = applyHash(index, model, op)
          versions.push(next)
          if (!agrees(...next)) throw new Error(`after ${JSON.stringify(op)}: differs from the Map`)
        }
        for (const [i, [index, model]] of versions.entries()) {
          if (!agrees(index, model)) throw new Error(`version ${i} changed after later operations`)
        }
      }),
      propertyParameters(CI_RUNS)
    )
  })
})

type TreeOp = { readonly kind: "insert"; readonly key: number } | { readonly kind: "remove"; readonly key: number }

describe("AVL tree (per-state order index)", () => {
  const treeOp: fc.Arbitrary<TreeOp> = fc.oneof(
    fc.record({ kind: fc.constant("insert" as const), key: fc.nat(200) }),
    fc.record({ kind: fc.constant("remove" as const), key: fc.nat(200) })
  )
  const entries = (tree: Avl.OrderedMap<number>) => {
    const out: Array<number> = []
    Avl.forEachWhile(tree, (v, k) => {
      out.push(k, v)
      return true
    })
    return out
  }
  const balanced = (tree: Avl.OrderedMap<number>): boolean => {
    if (tree === undefined) return true
    const hl = tree.left?.height ?? 0
    const hr = tree.right?.height ?? 0
    return Math.abs(hl - hr) <= 1 && tree.height === Math.max(hl, hr) + 1 &&
      tree.size === Avl.sizeOf(tree.left) + Avl.sizeOf(tree.right) + 1 && balanced(tree.left) && balanced(tree.right)
  }

  it("holds the sorted array's entries, stays balanced, and every earlier version is unchanged", () => {
    fc.assert(
      fc.property(fc.array(treeOp, { maxLength: 120 }), (ops) => {
        const versions: Array<[Avl.OrderedMap<number>, ReadonlyArray<number>]> = [[undefined, []]]
        for (const op of ops) {
          const [tree, model] = versions[versions.length - 1] as [Avl.OrderedMap<number>, ReadonlyArray<number>]
          const without = model.filter((k) => k !== op.key)
          const nextModel = op.kind === "insert" ? [...without, op.key].sort((a, b) => a - b) : without
          const next = op.kind === "insert" ? Avl.insert(tree, op.key, op.key * 2) : Avl.remove(tree, op.key)
          versions.push([next, nextModel])
          expect(balanced(next)).toBe(true)
          expect(Avl.lookup(next, op.key)).toBe(op.kind === "insert" ? op.key * 2 : undefined)
        }
        for (const [tree, model] of versions) expect(entries(tree)).toEqual(model.flatMap((k) => [k, k * 2]))
      }),
      propertyParameters(CI_RUNS)
    )
  })

  it("fromSorted builds a balanced tree of exactly the given entries", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(10_000), { maxLength: 300 }), (raw) => {
        const keysSorted = [...raw].sort((a, b) => a - b)
        const tree = Avl.fromSorted(keysSorted, keysSorted.map((k) => k * 2))
        expect(balanced(tree)).toBe(true)
        expect(entries(tree)).toEqual(keysSorted.flatMap((k) => [k, k * 2]))
      }),
      propertyParameters(200, CI_RUNS)
    )
  })
})
