/**
 * A persistent map from numeric keys to values, kept in key order: an AVL
 * tree. Shared by the cores that keep items in arrival order under a sequence
 * number: the container (one tree per lifecycle state, replicas keyed by
 * insertion sequence) and the slots (the FIFO queue of waiting requests).
 *
 * Cost: `insert`, `remove`, `lookup` and `first` O(log N), copying only the
 * nodes on one root-to-leaf path and sharing the rest, so every tree handed
 * out stays unchanged; `sizeOf` O(1); an in-order scan O(N) with no
 * recursion; `fromSorted` O(N); `appendRun` of k values O(min(k log N, N + k)).
 *
 * Why not effect's `RedBlackTree`: that module is gone from effect 4, and on
 * the container's access pattern at N = 4,096 (`bench/container/indexes.ts`,
 * figures in `docs/bench/container.md`, "Indexes") this tree deletes two keys
 * and appends two in 0.66 µs against 6.47 µs, and scans in order allocating
 * 0.3 KiB against 160 KiB.
 *
 * @internal
 */

/** A node of the tree; its `key` and `value` are one entry. */
export interface Node<V> {
  readonly key: number
  readonly value: V
  readonly left: OrderedMap<V>
  readonly right: OrderedMap<V>
  readonly height: number
  readonly size: number
}

export type OrderedMap<V> = Node<V> | undefined

const heightOf = <V>(tree: OrderedMap<V>): number => (tree === undefined ? 0 : tree.height)

/** Number of entries, in O(1). */
export const sizeOf = <V>(tree: OrderedMap<V>): number => (tree === undefined ? 0 : tree.size)

const node = <V>(key: number, value: V, left: OrderedMap<V>, right: OrderedMap<V>): Node<V> => {
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
const balance = <V>(key: number, value: V, left: OrderedMap<V>, right: OrderedMap<V>): Node<V> => {
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
export const insert = <V>(tree: OrderedMap<V>, key: number, value: V): Node<V> => {
  if (tree === undefined) return node(key, value, undefined, undefined)
  if (key < tree.key) return balance(tree.key, tree.value, insert(tree.left, key, value), tree.right)
  if (key > tree.key) return balance(tree.key, tree.value, tree.left, insert(tree.right, key, value))
  return node(key, value, tree.left, tree.right)
}

const removeMin = <V>(tree: Node<V>, sink: { key: number; value: V }): OrderedMap<V> => {
  if (tree.left === undefined) {
    sink.key = tree.key
    sink.value = tree.value
    return tree.right
  }
  return balance(tree.key, tree.value, removeMin(tree.left, sink), tree.right)
}

/** Removes the entry for `key` (absent keys leave the tree as it is), in O(log N). */
export const remove = <V>(tree: OrderedMap<V>, key: number): OrderedMap<V> => {
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
export const first = <V>(tree: OrderedMap<V>): Node<V> | undefined => {
  let current = tree
  while (current?.left !== undefined) current = current.left
  return current
}

/** The value stored under `key`, or `undefined`, in O(log N). */
export const lookup = <V>(tree: OrderedMap<V>, key: number): V | undefined => {
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
export const forEachWhile = <V>(tree: OrderedMap<V>, visit: (value: V, key: number) => boolean): void => {
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
export const appendValues = <V>(tree: OrderedMap<V>, out: Array<V>): void => {
  if (tree === undefined) return
  appendValues(tree.left, out)
  out.push(tree.value)
  appendValues(tree.right, out)
}

/** Builds a perfectly balanced tree from entries already in ascending key order, in O(N). */
export const fromSorted = <V>(keys: ReadonlyArray<number>, values: ReadonlyArray<V>): OrderedMap<V> => {
  const build = (lo: number, hi: number): OrderedMap<V> => {
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
export const appendRun = <V>(tree: OrderedMap<V>, firstKey: number, values: ReadonlyArray<V>): OrderedMap<V> => {
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
