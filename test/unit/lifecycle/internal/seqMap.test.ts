/** The persistent sequence-number map agrees with a plain `Map` and never changes an older version. */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { propertyParameters } from "../../../../properties/support/settings.js"
import * as SeqMap from "../../../../src/lifecycle/internal/seqMap.js"

const op = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), key: fc.nat({ max: 5000 }), value: fc.integer() }),
  fc.record({ kind: fc.constant("remove" as const), key: fc.nat({ max: 5000 }) })
)

describe("SeqMap", () => {
  it("agrees with a Map after any sequence of sets and removes, and keeps every older version intact", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        let map = SeqMap.empty<{ readonly v: number }>()
        const model = new Map<number, number>()
        const versions: Array<readonly [SeqMap.SeqMap<{ readonly v: number }>, ReadonlyMap<number, number>]> = []
        for (const o of ops) {
          if (o.kind === "set") {
            map = SeqMap.set(map, o.key, { v: o.value })
            model.set(o.key, o.value)
          } else {
            map = SeqMap.remove(map, o.key)
            model.delete(o.key)
          }
          versions.push([map, new Map(model)])
        }
        for (const [version, expected] of versions) {
          expect(version.size).toBe(expected.size)
          for (const [key, value] of expected) expect(SeqMap.get(version, key)?.v).toBe(value)
        }
        for (const o of ops) if (!model.has(o.key)) expect(SeqMap.get(map, o.key)).toBeUndefined()
      }),
      propertyParameters(200)
    )
  })

  it("an empty map answers undefined; removing an absent key returns the same map", () => {
    const map = SeqMap.set(SeqMap.empty<number>(), 40_000, 1)
    expect(SeqMap.get(map, 40_000)).toBe(1)
    expect(SeqMap.get(map, 7)).toBeUndefined()
    expect(SeqMap.remove(map, 7)).toBe(map)
    expect(SeqMap.remove(map, 40_000).size).toBe(0)
  })

  it("removing the last key gives the empty map, whatever depth the map had grown to", () => {
    for (const key of [3, 40, 40_000]) {
      expect(SeqMap.remove(SeqMap.set(SeqMap.empty<string>(), key, "x"), key)).toEqual(SeqMap.empty())
    }
  })

  it("removing one key keeps its neighbours in the same leaf and the same subtree, and counts one fewer", () => {
    let map = SeqMap.empty<string>()
    for (const key of [40, 41, 70, 1100]) map = SeqMap.set(map, key, `v${key}`)
    const without = SeqMap.remove(map, 40)
    expect([40, 41, 70, 1100].map((k) => SeqMap.get(without, k))).toEqual([undefined, "v41", "v70", "v1100"])
    expect(without.size).toBe(3)
    expect(SeqMap.remove(without, 1100).size).toBe(2)
  })
})
