/**
 * A persistent AVL tree from numeric keys to values, kept in key order.
 *
 * This index is the container's algorithm, not a general collection: it holds
 * one lifecycle state's replicas keyed by their insertion sequence number.
 * Every update copies only the O(log N) nodes on one root-to-leaf path and
 * shares the rest, so a container version never sees another's changes.
 *
 * Written by hand rather than taken from effect's `RedBlackTree` because that
 * module is gone from effect 4, and because on the container benchmark this
 * tree is faster for the append / delete-by-key / in-order-scan mix the
 * container needs (`bench/container/indexes.ts` measures both).
 *
 * @internal
 */

/** A tree node; `undefined` is the empty tree. */
export interface Node<V> {
  readonly key: number
  readonly value: V
  readonly left: Tree<V>
  readonly right: Tree<V>
  readonly height: number
  readonly size: number
}

export type Tree<V> = Node<V> | undefined

const heightOf = <V>(tree: Tree<V>): number => (tree === undefined ? 0 : tree.height)

/** Number of entries, in O(1). */
export const sizeOf = <V>(tree: Tree<V>): number => (tree === undefined ? 0 : tree.size)

const node = <V>(key: number, value: V, left: Tree<V>, right: Tree<V>): Node<V> => {
  const hl = heightOf(left)
  const hr = heightOf(right)
  return {
    key,
    value,
    left,
    right,
    height: (hl > hr ? hl : hr) + 1,
    size: sizeOf(left) + sizeOf(right) + 1
  }
}

const rotateRight = <V>(n: Node<V>): Node<V> => {
  const l = n.left as Node<V>
  return node(l.key, l.value, l.left, node(n.key, n.value, l.right, n.right))
}

const rotateLeft = <V>(n: Node<V>): Node<V> => {
  const r = n.right as Node<V>
  return node(r.key, r.value, node(n.key, n.value, n.left, r.left), r.right)
}

/** Builds a node from balanced-enough children (heights differ by at most 2). */
const balance = <V>(key: number, value: V, left: Tree<V>, right: Tree<V>): Node<V> => {
  const diff = heightOf(left) - heightOf(right)
  if (diff > 1) {
    const l = left as Node<V>
    const pivot = heightOf(l.left) >= heightOf(l.right) ? l : rotateLeft(l)
    return rotateRight(node(key, value, pivot, right))
  }
  if (diff < -1) {
    const r = right as Node<V>
    const pivot = heightOf(r.right) >= heightOf(r.left) ? r : rotateRight(r)
    return rotateLeft(node(key, value, left, pivot))
  }
  return node(key, value, left, right)
}

/** Inserts or replaces the entry for `key`, in O(log N). */
export const insert = <V>(tree: Tree<V>, key: number, value: V): Node<V> => {
  if (tree === undefined) return node(key, value, undefined, undefined)
  if (key < tree.key) return balance(tree.key, tree.value, insert(tree.left, key, value), tree.right)
  if (key > tree.key) return balance(tree.key, tree.value, tree.left, insert(tree.right, key, value))
  return node(key, value, tree.left, tree.right)
}

const removeMin = <V>(tree: Node<V>, sink: { key: number; value: V }): Tree<V> => {
  if (tree.left === undefined) {
    sink.key = tree.key
    sink.value = tree.value
    return tree.right
  }
  return balance(tree.key, tree.value, removeMin(tree.left, sink), tree.right)
}

/** Removes the entry for `key` (absent keys leave the tree as it is), in O(log N). */
export const remove = <V>(tree: Tree<V>, key: number): Tree<V> => {
  if (tree === undefined) return undefined
  if (key < tree.key) {
    const left = remove(tree.left, key)
    return left === tree.left ? tree : balance(tree.key, tree.value, left, tree.right)
  }
  if (key > tree.key) {
    const right = remove(tree.right, key)
    return right === tree.right ? tree : balance(tree.key, tree.value, tree.left, right)
  }
  if (tree.left === undefined) return tree.right
  if (tree.right === undefined) return tree.left
  const successor = { key: 0, value: tree.value }
  const right = removeMin(tree.right, successor)
  return balance(successor.key, successor.value, tree.left, right)
}

/** The entry with the smallest key, or `undefined` for the empty tree, in O(log N). */
export const first = <V>(tree: Tree<V>): Node<V> | undefined => {
  let current = tree
  while (current?.left !== undefined) current = current.left
  return current
}

/** The value stored under `key`, or `undefined`, in O(log N). */
export const lookup = <V>(tree: Tree<V>, key: number): V | undefined => {
  let current = tree
  while (current !== undefined) {
    if (key === current.key) return current.value
    current = key < current.key ? current.left : current.right
  }
  return undefined
}

/**
 * Visits entries in key order until `visit` returns `false`.
 * Uses an explicit stack: no recursion, no generator allocation.
 */
export const forEachWhile = <V>(tree: Tree<V>, visit: (value: V, key: number) => boolean): void => {
  const stack: Array<Node<V>> = []
  let current = tree
  while (current !== undefined || stack.length > 0) {
    while (current !== undefined) {
      stack.push(current)
      current = current.left
    }
    const top = stack.pop() as Node<V>
    if (!visit(top.value, top.key)) return
    current = top.right
  }
}

/** Appends every value, in key order, to `out`. */
export const appendValues = <V>(tree: Tree<V>, out: Array<V>): void => {
  if (tree === undefined) return
  appendValues(tree.left, out)
  out.push(tree.value)
  appendValues(tree.right, out)
}

/** Builds a perfectly balanced tree from entries already in ascending key order, in O(N). */
export const fromSorted = <V>(keys: ReadonlyArray<number>, values: ReadonlyArray<V>): Tree<V> => {
  const build = (lo: number, hi: number): Tree<V> => {
    if (lo >= hi) return undefined
    const mid = (lo + hi) >>> 1
    return node(keys[mid] as number, values[mid] as V, build(lo, mid), build(mid + 1, hi))
  }
  return build(0, keys.length)
}

/**
 * Appends `values` under the consecutive keys `firstKey`, `firstKey + 1`, …,
 * all greater than every key in `tree`: one insert each when few, else one
 * linear rebuild, so it costs O(min(k log N, N + k)).
 */
export const appendRun = <V>(tree: Tree<V>, firstKey: number, values: ReadonlyArray<V>): Tree<V> => {
  const total = sizeOf(tree) + values.length
  if (values.length * Math.log2(total + 1) < total) {
    let next = tree
    values.forEach((value, i) => {
      next = insert(next, firstKey + i, value)
    })
    return next
  }
  const keys = new Array<number>(total)
  const all = new Array<V>(total)
  let at = 0
  forEachWhile(tree, (value, key) => {
    keys[at] = key
    all[at++] = value
    return true
  })
  for (let i = 0; i < values.length; i++, at++) {
    keys[at] = firstKey + i
    all[at] = values[i] as V
  }
  return fromSorted(keys, all)
}
