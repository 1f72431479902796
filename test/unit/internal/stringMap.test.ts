/**
 * The hash trie behind the container's and the slots' id indexes, case by
 * case, with the collision paths forced (the model-based check of any
 * sequence is in properties/indexes.test.ts).
 */
import { describe, expect, it } from "vitest"
import * as StringMap from "../../../src/internal/stringMap.js"
import { collisionGroup, keyWithHash } from "../../../properties/support/collisions.js"

const [a, b, c, d] = collisionGroup("replica-a", 4) as [string, string, string, string]
const build = (keys: ReadonlyArray<string>): StringMap.StringMap => keys.reduce<StringMap.StringMap>((m, k, i) => StringMap.set(m, k, i), undefined)
/** The map a batch made; a test failure when the batch answered a key already there. */
const mapOf = (inserted: StringMap.Inserted): StringMap.StringMap => {
  if (inserted.present !== undefined) throw new Error(`unexpected: ${inserted.present} was already there`)
  return inserted.map
}
const read = (map: StringMap.StringMap, keys: ReadonlyArray<string>) => keys.map((k) => StringMap.get(map, k))

describe("collisionGroup", () => {
  it("makes distinct keys with one hash", () => {
    expect(new Set([a, b, c, d]).size).toBe(4)
    expect(new Set([a, b, c, d].map(StringMap.hashOf)).size).toBe(1)
  })
})

describe("set, get and remove", () => {
  it("keeps three and four colliding keys apart, beside others", () => {
    const map = build([a, "x", b, "y", c, d])
    expect(read(map, [a, "x", b, "y", c, d, "z"])).toEqual([0, 1, 2, 3, 4, 5, undefined])
    expect(read(StringMap.set(map, c, 40), [a, b, c, d])).toEqual([0, 2, 40, 5])
  })

  it("removes from a collision one key at a time, down to a single key and to nothing", () => {
    let map = build([a, b, c])
    map = StringMap.remove(map, b)
    expect(read(map, [a, b, c])).toEqual([0, undefined, 2])
    map = StringMap.remove(map, a)
    expect(read(map, [a, b, c])).toEqual([undefined, undefined, 2])
    expect(StringMap.remove(map, d)).toBe(map)
    expect(StringMap.remove(map, c)).toBeUndefined()
  })

  it("removing an absent key that collides with present ones answers the map as it was", () => {
    const map = build([a, b, "x"])
    expect(StringMap.remove(map, c)).toBe(map)
    expect(StringMap.removeMany(map, [c, d])).toBe(map)
  })

  it("the shape depends on the keys only, not on their order: a collision never takes in a key of another hash", () => {
    // "x" shares a's lowest 5 hash bits, so it meets the collision of a and b on its way down.
    const x = keyWithHash((StringMap.hashOf(a) & 0x1f) | 0x0200_0000, "x")
    const shapes = [[a, b, x], [x, a, b], [a, x, b]].map((keys) =>
      keys.reduce<StringMap.StringMap>((m, k) => StringMap.set(m, k, k === x ? 1 : 0), undefined)
    )
    expect(shapes[0]).toStrictEqual(shapes[1])
    expect(shapes[2]).toStrictEqual(shapes[1])
  })

  it("leaves every earlier version unchanged", () => {
    const two = build([a, b])
    const three = StringMap.set(two, c, 9)
    const fewer = StringMap.remove(three, a)
    expect(read(two, [a, b, c])).toEqual([0, 1, undefined])
    expect(read(three, [a, b, c])).toEqual([0, 1, 9])
    expect(read(fewer, [a, b, c])).toEqual([undefined, 1, 9])
  })
})

describe("chains of branches", () => {
  // Hashes equal in their low 10 bits and apart at bit 12: the two keys sit under a chain of single-child branches.
  const x = keyWithHash(0x0000_03a5, "x")
  const y = keyWithHash(0x0000_13a5, "y")
  const z = keyWithHash(0x0000_0011, "z")

  it("a removal that leaves one leaf under a chain collapses the chain into that leaf", () => {
    const map = build([x, y])
    expect(read(map, [x, y])).toEqual([0, 1])
    expect(StringMap.remove(map, x)).toStrictEqual(StringMap.set(undefined, y, 1))
    expect(StringMap.removeMany(map, [y])).toStrictEqual(StringMap.set(undefined, x, 0))
  })

  it("beside another key, a removal leaves the very map that adding the rest would have made", () => {
    const map = build([x, y, z])
    const made = (entries: ReadonlyArray<readonly [string, number]>) =>
      entries.reduce<StringMap.StringMap>((m, [k, v]) => StringMap.set(m, k, v), undefined)
    expect(StringMap.remove(map, x)).toStrictEqual(made([[y, 1], [z, 2]]))
    expect(StringMap.remove(map, z)).toStrictEqual(made([[x, 0], [y, 1]]))
    expect(read(StringMap.remove(map, y), [x, y, z])).toEqual([0, undefined, 2])
  })
})

describe("insertMany and removeMany", () => {
  it("inserts colliding keys in one batch, and answers the first key already there or repeated", () => {
    const map = mapOf(StringMap.insertMany(undefined, [a, "x", b, c], (i) => 10 + i))
    expect(read(map, [a, "x", b, c, d])).toEqual([10, 11, 12, 13, undefined])
    expect(StringMap.insertMany(map, [d, b], (i) => i)).toEqual({ present: b })
    expect(StringMap.insertMany(undefined, [a, b, a], (i) => i)).toEqual({ present: a })
    expect(StringMap.insertMany(undefined, [a, b, c, b], (i) => i)).toEqual({ present: b })
  })

  it("never changes a collision node of an earlier map while updating its own in place", () => {
    const before = build([a, b])
    const inserted = mapOf(StringMap.insertMany(before, [c, d, "x"], (i) => 20 + i))
    expect(read(before, [a, b, c, d, "x"])).toEqual([0, 1, undefined, undefined, undefined])
    expect(read(inserted, [a, b, c, d, "x"])).toEqual([0, 1, 20, 21, 22])
    // A failed batch leaves the map it was given as it was.
    expect(StringMap.insertMany(before, [c, a], (i) => i)).toEqual({ present: a })
    expect(read(before, [a, b, c])).toEqual([0, 1, undefined])
    // A later batch on the result does not reach back into it.
    const later = mapOf(StringMap.insertMany(inserted, ["y"], () => 5))
    expect(read(inserted, ["y", c])).toEqual([undefined, 20])
    expect(read(later, ["y", c])).toEqual([5, 20])
  })

  it("removes a batch, colliding keys included, and leaves the earlier map as it was", () => {
    const map = build([a, "x", b, c, "y"])
    const fewer = StringMap.removeMany(map, [b, "x", c, "absent"])
    expect(read(fewer, [a, "x", b, c, "y"])).toEqual([0, undefined, undefined, undefined, 4])
    expect(read(map, [a, "x", b, c, "y"])).toEqual([0, 1, 2, 3, 4])
    expect(StringMap.removeMany(fewer, [a, "y"])).toBeUndefined()
  })
})
