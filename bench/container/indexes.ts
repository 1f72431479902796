/**
 * The package's two hand-written persistent maps (`src/internal/orderedMap.ts`,
 * `src/internal/stringMap.ts`, shared by the container and the slots) against
 * effect's collections, on what the container does with them:
 * - the ordered map (AVL tree keyed by insertion sequence) against
 *   `RedBlackTree`: delete two keys and append two (stop 2 replicas), and scan in order;
 * - the string map (hash trie, string → number) against `HashMap`: look up,
 *   set and remove one id.
 */
import { HashMap, Option, Order, RedBlackTree } from "effect"
import * as OrderedMap from "../../src/internal/orderedMap.js"
import * as StringMap from "../../src/internal/stringMap.js"
import type { BenchCase } from "../adapter.js"

export const indexCases = (n: number): ReadonlyArray<BenchCase> => [...orderCases(n), ...idCases(n)]

const idCases = (n: number): ReadonlyArray<BenchCase> => {
  const ids = Array.from({ length: n }, (_, i) => `replica-${i}`)
  const inserted = StringMap.insertMany(undefined, ids, (i) => i)
  if (inserted.present !== undefined) throw new Error("ids must be distinct")
  const trie = inserted.map
  const map = HashMap.fromIterable(ids.map((id, i) => [id, i] as const))
  const nextId = () => {
    let i = 0
    return () => ids[(i += 7919) % n] as string
  }
  const operations = {
    "look up": [(id: string) => StringMap.get(trie, id), (id: string) => Option.getOrUndefined(HashMap.get(map, id))],
    "set": [(id: string) => StringMap.set(trie, id, -1), (id: string) => HashMap.set(map, id, -1)],
    "remove": [(id: string) => StringMap.remove(trie, id), (id: string) => HashMap.remove(map, id)]
  } as const
  return Object.entries(operations).flatMap(([what, [ours, theirs]]) => [
    {
      name: `hash trie (replicore), N = ${n}: ${what} one id`,
      prepare: () => {
        const next = nextId()
        return () => ours(next())
      }
    },
    {
      name: `HashMap (effect), N = ${n}: ${what} one id`,
      prepare: () => {
        const next = nextId()
        return () => theirs(next())
      }
    }
  ])
}

const orderCases = (n: number): ReadonlyArray<BenchCase> => {
  const keys = Array.from({ length: n }, (_, i) => i)
  const victims = keys.filter((k) => k % 97 === 13)
  let avl: OrderedMap.OrderedMap<number> = undefined
  for (const k of keys) avl = OrderedMap.insert(avl, k, k)
  let rbt = RedBlackTree.empty<number, number>(Order.number)
  for (const k of keys) rbt = RedBlackTree.insert(rbt, k, k)
  const pick = () => {
    let i = 0
    return () => victims[i++ % victims.length] as number
  }
  return [
    {
      name: `AVL (replicore), N = ${n}: delete 2, append 2`,
      prepare: () => {
        const next = pick()
        return () => OrderedMap.insert(OrderedMap.insert(OrderedMap.remove(OrderedMap.remove(avl, next()), next()), n, n), n + 1, n + 1)
      }
    },
    {
      name: `RedBlackTree (effect), N = ${n}: delete 2, append 2`,
      prepare: () => {
        const next = pick()
        return () =>
          RedBlackTree.insert(
            RedBlackTree.insert(RedBlackTree.removeFirst(RedBlackTree.removeFirst(rbt, next()), next()), n, n),
            n + 1,
            n + 1
          )
      }
    },
    {
      name: `AVL (replicore), N = ${n}: scan in order`,
      prepare: () => () => {
        let sum = 0
        OrderedMap.forEachWhile(avl, (v) => {
          sum += v
          return true
        })
        return sum
      }
    },
    {
      name: `RedBlackTree (effect), N = ${n}: scan in order`,
      prepare: () => () => {
        let sum = 0
        RedBlackTree.forEach(rbt, (_, v) => {
          sum += v
        })
        return sum
      }
    }
  ]
}
