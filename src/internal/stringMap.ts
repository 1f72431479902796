/**
 * A persistent map from string keys to numbers: a hash array mapped trie.
 * Shared by the cores that key plain numbers by an id: the container (replica
 * id → state and position) and the slots (live reservation tokens, running
 * requests, and waiting request → its place in the queue).
 *
 * Cost: `get` O(log₃₂ N) with no allocation; `set` and `remove` copy the
 * O(log₃₂ N) nodes on one path and share the rest, so every map handed out
 * stays unchanged. A batch (`insertMany`, `removeMany`) passes an owner token:
 * nodes it creates belong to that batch and are updated in place for the rest
 * of it, never after. Keys are strings and values numbers, so a leaf is one
 * small object.
 *
 * Why not effect's `HashMap`: it hashes through `Equal`/`Hash`, allocates an
 * `Option` per look-up and copies more per update. On the container's access
 * pattern at N = 4,096 (`bench/container/indexes.ts`, figures in
 * `docs/bench/container.md`, "Indexes") this map sets an id in 0.18 µs
 * against 0.57 µs and removes one in 0.22 µs against 0.49 µs.
 *
 * @internal
 */

const BITS = 5
const MASK = (1 << BITS) - 1

class Leaf {
  constructor(readonly hash: number, readonly key: string, readonly value: number) {}
}

class Branch {
  constructor(public bitmap: number, public children: Array<Child>, readonly owner: object | undefined) {}
}

class Collision {
  constructor(readonly hash: number, public leaves: Array<Leaf>, readonly owner: object | undefined) {}
}

type Child = Leaf | Branch | Collision

/** A map; `undefined` is the empty map. */
export type StringMap = Child | undefined

/** FNV-1a over UTF-16 code units. */
export const hashOf = (key: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return h >>> 0
}

const popcount = (x: number): number => {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24)
}

const slot = (hash: number, shift: number): number => 1 << ((hash >>> shift) & MASK)

/** The value stored under `key`, or `undefined`. */
export const get = (map: StringMap, key: string): number | undefined => {
  const hash = hashOf(key)
  let node = map
  let shift = 0
  while (node !== undefined) {
    if (node instanceof Leaf) return node.key === key ? node.value : undefined
    if (node instanceof Collision) {
      for (const leaf of node.leaves) if (leaf.key === key) return leaf.value
      return undefined
    }
    const bit = slot(hash, shift)
    if ((node.bitmap & bit) === 0) return undefined
    node = node.children[popcount(node.bitmap & (bit - 1))]
    shift += BITS
  }
  return undefined
}

/** A branch (or chain of branches) holding two children whose hashes differ, or a collision when they do not. */
const pair = (shift: number, a: Leaf | Collision, b: Leaf, owner: object | undefined): Child => {
  if (a.hash === b.hash) {
    return a instanceof Leaf
      ? new Collision(a.hash, [a, b], owner)
      : // Stryker disable next-line ArrayDeclaration: unreachable, a collision meets pair only beside a leaf of another hash (setIn adds one of its own hash itself)
        new Collision(a.hash, [...a.leaves, b], owner)
  }
  const bitA = slot(a.hash, shift)
  const bitB = slot(b.hash, shift)
  if (bitA === bitB) return new Branch(bitA, [pair(shift + BITS, a, b, owner)], owner)
  return new Branch(bitA | bitB, bitA >>> 0 < bitB >>> 0 ? [a, b] : [b, a], owner)
}

const withChild = (node: Branch, at: number, child: Child, owner: object | undefined): Branch => {
  if (owner !== undefined && node.owner === owner) {
    node.children[at] = child
    return node
  }
  const children = node.children.slice()
  children[at] = child
  return new Branch(node.bitmap, children, owner)
}

/** Sets `leaf` in `node`; `probe.found` records that its key was already there. */
const setIn = (node: StringMap, shift: number, leaf: Leaf, owner: object | undefined, probe?: { found: boolean }): Child => {
  if (node === undefined) return leaf
  if (node instanceof Leaf) {
    if (node.key === leaf.key) {
      if (probe !== undefined) probe.found = true
      return node.value === leaf.value ? node : leaf
    }
    return pair(shift, node, leaf, owner)
  }
  if (node instanceof Collision) {
    if (node.hash !== leaf.hash) return pair(shift, node, leaf, owner)
    const at = node.leaves.findIndex((l) => l.key === leaf.key)
    if (at >= 0 && probe !== undefined) probe.found = true
    const leaves = owner !== undefined && node.owner === owner ? node.leaves : node.leaves.slice()
    if (at < 0) leaves.push(leaf)
    else leaves[at] = leaf
    return leaves === node.leaves ? node : new Collision(node.hash, leaves, owner)
  }
  const bit = slot(leaf.hash, shift)
  const at = popcount(node.bitmap & (bit - 1))
  if ((node.bitmap & bit) !== 0) {
    const child = node.children[at] as Child
    const next = setIn(child, shift + BITS, leaf, owner, probe)
    return next === child ? node : withChild(node, at, next, owner)
  }
  if (owner !== undefined && node.owner === owner) {
    node.children.splice(at, 0, leaf)
    node.bitmap |= bit
    return node
  }
  const children = node.children.slice()
  children.splice(at, 0, leaf)
  return new Branch(node.bitmap | bit, children, owner)
}

const removeIn = (node: StringMap, shift: number, hash: number, key: string, owner: object | undefined): StringMap => {
  if (node === undefined) return undefined
  if (node instanceof Leaf) return node.key === key ? undefined : node
  if (node instanceof Collision) {
    const leaves = node.leaves.filter((l) => l.key !== key)
    if (leaves.length === node.leaves.length) return node
    return leaves.length === 1 ? leaves[0] : new Collision(node.hash, leaves, owner)
  }
  const bit = slot(hash, shift)
  if ((node.bitmap & bit) === 0) return node
  const at = popcount(node.bitmap & (bit - 1))
  const child = node.children[at] as Child
  const next = removeIn(child, shift + BITS, hash, key, owner)
  if (next === child) return node
  if (next !== undefined) {
    // A branch left holding a single leaf collapses into it, so removals leave no empty chains.
    if (node.children.length === 1 && !(next instanceof Branch)) return next
    return withChild(node, at, next, owner)
  }
  if (node.children.length === 1) return undefined
  if (node.children.length === 2) {
    const other = node.children[1 - at] as Child
    if (!(other instanceof Branch)) return other
  }
  if (owner !== undefined && node.owner === owner) {
    node.children.splice(at, 1)
    node.bitmap &= ~bit
    return node
  }
  const children = node.children.slice()
  children.splice(at, 1)
  return new Branch(node.bitmap & ~bit, children, owner)
}

/** Sets `key` to `value`. */
export const set = (map: StringMap, key: string, value: number): StringMap =>
  setIn(map, 0, new Leaf(hashOf(key), key, value), undefined)

/** Removes `key` (an absent key leaves the map as it is). */
export const remove = (map: StringMap, key: string): StringMap => removeIn(map, 0, hashOf(key), key, undefined)

/** What {@link insertMany} answers: the new map, or the first key that was already there. */
export type Inserted = { readonly map: StringMap; readonly present?: undefined } | { readonly present: string }

/**
 * Adds every `keys[i]` with the value `valueOf(i)` in one batch, unless a key
 * is already in the map or repeats in `keys`: then it answers that key, and
 * the map given is unchanged (only nodes made by this batch were written).
 */
export const insertMany = (map: StringMap, keys: ReadonlyArray<string>, valueOf: (i: number) => number): Inserted => {
  const owner = {}
  const probe = { found: false }
  let next = map
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string
    next = setIn(next, 0, new Leaf(hashOf(key), key, valueOf(i)), owner, probe)
    if (probe.found) return { present: key }
  }
  return { map: next }
}

/** Removes every key in one batch. */
export const removeMany = (map: StringMap, keys: Iterable<string>): StringMap => {
  const owner = {}
  let next = map
  for (const key of keys) next = removeIn(next, 0, hashOf(key), key, owner)
  return next
}
