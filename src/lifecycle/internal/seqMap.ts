/**
 * A persistent map from non-negative integers to values: a 32-way trie with
 * path copying. Replica ids end in a sequence number, so this is how a
 * deployment finds a replica's record in O(log₃₂ n) without hashing strings.
 */

/** Bits of the key consumed per level: 32 slots per trie node. */
const BITS = 5
const WIDTH = 1 << BITS
const MASK = WIDTH - 1

type Slots = ReadonlyArray<unknown>

/** The map: a root, the shift of its top level, and the number of entries. */
export interface SeqMap<V> {
  readonly root: Slots | undefined
  readonly shift: number
  readonly size: number
  readonly _V?: (v: V) => V
}

/** The empty map. */
export const empty = <V>(): SeqMap<V> => ({ root: undefined, shift: 0, size: 0 })

const capacity = (shift: number): number => WIDTH * 2 ** shift

/** The value at `key`, or `undefined`. */
export const get = <V>(self: SeqMap<V>, key: number): V | undefined => {
  if (self.root === undefined || key >= capacity(self.shift)) return undefined
  let node: Slots | undefined = self.root
  for (let shift = self.shift; shift > 0; shift -= BITS) {
    node = node[Math.floor(key / 2 ** shift) & MASK] as Slots | undefined
    if (node === undefined) return undefined
  }
  return node[key & MASK] as V | undefined
}

const setIn = (node: Slots | undefined, shift: number, key: number, value: unknown): Slots => {
  const copy = node === undefined ? new Array<unknown>(WIDTH) : node.slice()
  const i = Math.floor(key / 2 ** shift) & MASK
  copy[i] = shift === 0 ? value : setIn(copy[i] as Slots | undefined, shift - BITS, key, value)
  return copy
}

/** The map with `key` set to `value`. */
export const set = <V>(self: SeqMap<V>, key: number, value: V): SeqMap<V> => {
  let root = self.root
  let shift = self.shift
  while (key >= capacity(shift)) {
    if (root !== undefined) {
      const grown = new Array<unknown>(WIDTH)
      grown[0] = root
      root = grown
    }
    shift += BITS
  }
  const had = get(self, key) !== undefined
  return { root: setIn(root, shift, key, value), shift, size: self.size + (had ? 0 : 1) }
}

const isEmpty = (node: Slots): boolean => node.every((slot) => slot === undefined)

const removeIn = (node: Slots, shift: number, key: number): Slots | undefined => {
  const i = Math.floor(key / 2 ** shift) & MASK
  const copy = node.slice()
  copy[i] = shift === 0 ? undefined : removeIn(copy[i] as Slots, shift - BITS, key)
  return isEmpty(copy) ? undefined : copy
}

/** The map without `key` (the same map when the key is absent). */
export const remove = <V>(self: SeqMap<V>, key: number): SeqMap<V> => {
  if (get(self, key) === undefined) return self
  const root = removeIn(self.root as Slots, self.shift, key) // a key was found: there is a root
  return root === undefined ? empty() : { root, shift: self.shift, size: self.size - 1 }
}
