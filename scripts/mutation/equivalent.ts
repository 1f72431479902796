/**
 * Equivalent mutants that a `// Stryker disable next-line <Mutator>` comment
 * cannot single out: such a comment silences every mutant of that mutator
 * starting on its line, and on these lines others of the same mutator are
 * killed. Each is matched by its file, mutator, the code it replaces, its
 * replacement and the trimmed source line it starts on (not the line number,
 * so edits elsewhere keep the match); `npm run mutation` counts a matching survivor as equivalent, with its
 * reason, and names every entry that matched nothing.
 */
export interface Equivalent {
  readonly file: string
  readonly mutator: string
  /** The trimmed source line the mutant starts on. */
  readonly line: string
  /** The code the mutant replaces. */
  readonly original: string
  readonly replacement: string
  readonly reason: string
}

export const EQUIVALENT: ReadonlyArray<Equivalent> = [
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ConditionalExpression",
    line: "if (taken.length >= max) break",
    original: "taken.length >= max",
    replacement: "false",
    reason: "a shortcut: once max replicas are taken, the fast path moves only empty states and the scan stops at its first replica"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "EqualityOperator",
    line: "if (taken.length >= max) break",
    original: "taken.length >= max",
    replacement: "taken.length > max",
    reason: "never more than max are taken, so > max is never true: the same as no shortcut (see the entry above)"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ConditionalExpression",
    line: "if (excluded === undefined && OrderedMap.sizeOf(tree) <= max - taken.length) {",
    original: "excluded === undefined && OrderedMap.sizeOf(tree) <= max - taken.length",
    replacement: "false",
    reason: "the fast path (a whole state taken at once) is a cost choice: the scan takes the same replicas"
  },
  {
    file: "src/slots/SlotState.ts",
    mutator: "ConditionalExpression",
    line: "if (typeof capacity !== \"number\" || !Number.isSafeInteger(capacity) || capacity < 1) {",
    original: "typeof capacity !== \"number\"",
    replacement: "false",
    reason: "Number.isSafeInteger refuses every value that is not a number as well"
  },
  {
    file: "src/slots/SlotState.ts",
    mutator: "ConditionalExpression",
    line: "return !s.quiescing && s.queue === undefined && s.inUse < s.capacity",
    original: "s.queue === undefined",
    replacement: "true",
    reason: "a request waits only while every permit is in use (each change hands free permits to the queue), so a free permit implies nobody waits"
  },
  {
    file: "src/slots/SlotState.ts",
    mutator: "ConditionalExpression",
    line: "return s.inUse === 0 && s.queue === undefined",
    original: "s.queue === undefined",
    replacement: "true",
    reason: "with no permit in use (capacity is at least 1) nobody waits: each change hands free permits to the queue"
  },
  {
    file: "src/slots/SlotState.ts",
    mutator: "ConditionalExpression",
    line: "if (s.queue === undefined || s.inUse >= s.capacity) return [s, []]",
    original: "s.queue === undefined || s.inUse >= s.capacity",
    replacement: "false",
    reason: "a shortcut: with nobody waiting or no free permit the loop below grants nothing, and the state it returns has the same fields"
  },
  {
    file: "src/slots/SlotState.ts",
    mutator: "LogicalOperator",
    line: "if (s.queue === undefined || s.inUse >= s.capacity) return [s, []]",
    original: "s.queue === undefined || s.inUse >= s.capacity",
    replacement: "s.queue === undefined && s.inUse >= s.capacity",
    reason: "a shortcut: with nobody waiting or no free permit the loop below grants nothing, and the state it returns has the same fields"
  },
  {
    file: "src/slots/SlotState.ts",
    mutator: "ConditionalExpression",
    line: "if (s.queue === undefined || s.inUse >= s.capacity) return [s, []]",
    original: "s.queue === undefined",
    replacement: "false",
    reason: "a shortcut: with nobody waiting or no free permit the loop below grants nothing, and the state it returns has the same fields"
  },
  {
    file: "src/slots/SlotState.ts",
    mutator: "ConditionalExpression",
    line: "if (s.queue === undefined || s.inUse >= s.capacity) return [s, []]",
    original: "s.inUse >= s.capacity",
    replacement: "false",
    reason: "a shortcut: with nobody waiting or no free permit the loop below grants nothing, and the state it returns has the same fields"
  },
  {
    file: "src/slots/SlotState.ts",
    mutator: "EqualityOperator",
    line: "if (s.queue === undefined || s.inUse >= s.capacity) return [s, []]",
    original: "s.inUse >= s.capacity",
    replacement: "s.inUse > s.capacity",
    reason: "a shortcut: with nobody waiting or no free permit the loop below grants nothing, and the state it returns has the same fields"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "EqualityOperator",
    line: "if (excluded === undefined && OrderedMap.sizeOf(tree) <= max - taken.length) {",
    original: "OrderedMap.sizeOf(tree) <= max - taken.length",
    replacement: "OrderedMap.sizeOf(tree) < max - taken.length",
    reason: "the fast path (a whole state taken at once) is a cost choice: the scan takes the same replicas"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "BlockStatement",
    line: "if (excluded === undefined && OrderedMap.sizeOf(tree) <= max - taken.length) {",
    original: "{\n      OrderedMap.appendValues(tree, taken)\n      buckets[si] = undefined\n      continue\n    }",
    replacement: "{}",
    reason: "without the fast path the scan below takes the same replicas"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "BooleanLiteral",
    line: "if (taken.length >= max) return false",
    original: "false",
    replacement: "true",
    reason: "the scan then goes on to the end taking nothing more (the check above still refuses): a cost only"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ConditionalExpression",
    line: "if (version === undefined && excluded === undefined) {",
    original: "version === undefined && excluded === undefined",
    replacement: "false",
    reason: "with no filter the scan counts every replica: the same as the size, at a higher cost"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "BlockStatement",
    line: "if (version === undefined && excluded === undefined) {",
    original: "{\n      total += OrderedMap.sizeOf(tree)\n      continue\n    }",
    replacement: "{}",
    reason: "with no filter the scan counts every replica: the same as the size, at a higher cost"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ConditionalExpression",
    line: "if (wanted.size === 0 || n === 0) return [[], self]",
    original: "wanted.size === 0 || n === 0",
    replacement: "false",
    reason: "a shortcut: with no id or no replica both paths below find nothing and answer the container given"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "LogicalOperator",
    line: "if (wanted.size === 0 || n === 0) return [[], self]",
    original: "wanted.size === 0 || n === 0",
    replacement: "wanted.size === 0 && n === 0",
    reason: "a shortcut: with no id or no replica both paths below find nothing and answer the container given"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ConditionalExpression",
    line: "if (wanted.size === 0 || n === 0) return [[], self]",
    original: "wanted.size === 0",
    replacement: "false",
    reason: "a shortcut: with no id or no replica both paths below find nothing and answer the container given"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ConditionalExpression",
    line: "if (wanted.size === 0 || n === 0) return [[], self]",
    original: "n === 0",
    replacement: "false",
    reason: "a shortcut: with no id or no replica both paths below find nothing and answer the container given"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ConditionalExpression",
    line: "const result = wanted.size * Math.log2(n + 1) < n ? removeByLookup(c, wanted) : removeByScan(c, wanted, n)",
    original: "wanted.size * Math.log2(n + 1) < n",
    replacement: "true",
    reason: "look-up or scan is a cost choice: both remove the same replicas in the same order"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ConditionalExpression",
    line: "const result = wanted.size * Math.log2(n + 1) < n ? removeByLookup(c, wanted) : removeByScan(c, wanted, n)",
    original: "wanted.size * Math.log2(n + 1) < n",
    replacement: "false",
    reason: "look-up or scan is a cost choice: both remove the same replicas in the same order"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "EqualityOperator",
    line: "const result = wanted.size * Math.log2(n + 1) < n ? removeByLookup(c, wanted) : removeByScan(c, wanted, n)",
    original: "wanted.size * Math.log2(n + 1) < n",
    replacement: "wanted.size * Math.log2(n + 1) <= n",
    reason: "look-up or scan is a cost choice: both remove the same replicas in the same order"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "EqualityOperator",
    line: "const result = wanted.size * Math.log2(n + 1) < n ? removeByLookup(c, wanted) : removeByScan(c, wanted, n)",
    original: "wanted.size * Math.log2(n + 1) < n",
    replacement: "wanted.size * Math.log2(n + 1) >= n",
    reason: "look-up or scan is a cost choice: both remove the same replicas in the same order"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ArithmeticOperator",
    line: "const result = wanted.size * Math.log2(n + 1) < n ? removeByLookup(c, wanted) : removeByScan(c, wanted, n)",
    original: "wanted.size * Math.log2(n + 1)",
    replacement: "wanted.size / Math.log2(n + 1)",
    reason: "look-up or scan is a cost choice: both remove the same replicas in the same order"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ArithmeticOperator",
    line: "const result = wanted.size * Math.log2(n + 1) < n ? removeByLookup(c, wanted) : removeByScan(c, wanted, n)",
    original: "n + 1",
    replacement: "n - 1",
    reason: "look-up or scan is a cost choice: both remove the same replicas in the same order"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "BlockStatement",
    line: "if (ids instanceof Set) {",
    original: "{\n    for (const id of ids) requireId(\"remove\", id)\n    return ids\n  }",
    replacement: "{}",
    reason: "using a caller's Set as it is only saves a copy: the copy below checks every id the same way"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ConditionalExpression",
    line: "if (ids instanceof Set) {",
    original: "ids instanceof Set",
    replacement: "false",
    reason: "using a caller's Set as it is only saves a copy: the copy below checks every id the same way"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "EqualityOperator",
    line: "for (let si = 0; si < buckets.length && removed.length < wanted.size; si++) {",
    original: "si < buckets.length",
    replacement: "si <= buckets.length",
    reason: "one more round past the last state reads an empty tree and changes nothing"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ConditionalExpression",
    line: "for (let si = 0; si < buckets.length && removed.length < wanted.size; si++) {",
    original: "removed.length < wanted.size",
    replacement: "true",
    reason: "stopping once every id is found only saves scanning the states left, which hold none of them"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "EqualityOperator",
    line: "for (let si = 0; si < buckets.length && removed.length < wanted.size; si++) {",
    original: "removed.length < wanted.size",
    replacement: "removed.length <= wanted.size",
    reason: "stopping once every id is found only saves scanning the states left, which hold none of them"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ArrayDeclaration",
    line: "const keptKeys = new Array<number>(OrderedMap.sizeOf(tree))",
    original: "new Array<number>(OrderedMap.sizeOf(tree))",
    replacement: "new Array()",
    reason: "sizing the array up front only saves its growth: it is cut to the kept entries before use"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ArrayDeclaration",
    line: "const keptValues = new Array<R>(OrderedMap.sizeOf(tree))",
    original: "new Array<R>(OrderedMap.sizeOf(tree))",
    replacement: "new Array()",
    reason: "sizing the array up front only saves its growth: it is cut to the kept entries before use"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ConditionalExpression",
    line: "if (kept < OrderedMap.sizeOf(tree)) {",
    original: "kept < OrderedMap.sizeOf(tree)",
    replacement: "true",
    reason: "rebuilding a state that lost nothing gives a tree of the same entries: only its sharing and cost differ"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "EqualityOperator",
    line: "if (kept < OrderedMap.sizeOf(tree)) {",
    original: "kept < OrderedMap.sizeOf(tree)",
    replacement: "kept <= OrderedMap.sizeOf(tree)",
    reason: "rebuilding a state that lost nothing gives a tree of the same entries: only its sharing and cost differ"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ConditionalExpression",
    line: "const index = removed.length === n ? undefined : withoutIds(c.index, removed)",
    original: "removed.length === n",
    replacement: "false",
    reason: "a shortcut: removing every id from the index one by one also leaves it empty"
  },
  {
    file: "src/container/ReplicaContainer.ts",
    mutator: "ConditionalExpression",
    line: "return location === undefined ? undefined : stateName(location)",
    original: "location === undefined",
    replacement: "false",
    reason: "no location reads as no state as well (the state table has no entry at NaN)"
  },
  {
    file: "src/internal/orderedMap.ts",
    mutator: "ConditionalExpression",
    line: "if (tree.left === undefined) return tree.right",
    original: "tree.left === undefined",
    replacement: "false",
    reason: "with no left child the successor path below rebuilds the right child (a single node) as it was"
  },
  {
    file: "src/internal/orderedMap.ts",
    mutator: "ObjectLiteral",
    line: "const successor = { key: 0, value: tree.value }",
    original: "{ key: 0, value: tree.value }",
    replacement: "{}",
    reason: "only the sink's initial values: removeMin writes both fields before they are read"
  },
  {
    file: "src/internal/orderedMap.ts",
    mutator: "EqualityOperator",
    line: "current = key < current.key ? current.left : current.right",
    original: "key < current.key",
    replacement: "key <= current.key",
    reason: "an equal key has already been answered on the line above"
  },
  {
    file: "src/internal/orderedMap.ts",
    mutator: "BlockStatement",
    line: "if (values.length * Math.log2(total + 1) < total) {",
    original: "{\n    let next = tree\n    values.forEach((value, i) => {\n      next = insert(next, firstKey + i, value)\n    })\n    return next\n  }",
    replacement: "{}",
    reason: "inserting one by one or rebuilding is a cost choice: both give the same entries in a balanced tree"
  },
  {
    file: "src/internal/stringMap.ts",
    mutator: "ConditionalExpression",
    line: "if ((node.bitmap & bit) === 0) return undefined",
    original: "(node.bitmap & bit) === 0",
    replacement: "false",
    reason: "a shortcut: going on down another child ends at a leaf or collision whose key differs, which answers undefined too"
  },
  {
    file: "src/internal/stringMap.ts",
    mutator: "EqualityOperator",
    line: "return new Branch(bitA | bitB, bitA >>> 0 < bitB >>> 0 ? [a, b] : [b, a], owner)",
    original: "bitA >>> 0 < bitB >>> 0",
    replacement: "bitA >>> 0 <= bitB >>> 0",
    reason: "the two bits differ here (the equal case returned on the line above)"
  },
  {
    file: "src/internal/stringMap.ts",
    mutator: "ConditionalExpression",
    line: "if (owner !== undefined && node.owner === owner) {",
    original: "owner !== undefined && node.owner === owner",
    replacement: "false",
    reason: "writing in place a node the batch made itself only saves a copy: copying gives the same map"
  },
  {
    file: "src/internal/stringMap.ts",
    mutator: "BlockStatement",
    line: "if (owner !== undefined && node.owner === owner) {",
    original: "{\n    node.children[at] = child\n    return node\n  }",
    replacement: "{}",
    reason: "writing in place a node the batch made itself only saves a copy: copying gives the same map"
  },
  {
    file: "src/internal/stringMap.ts",
    mutator: "ConditionalExpression",
    line: "return node.value === leaf.value ? node : leaf",
    original: "node.value === leaf.value",
    replacement: "false",
    reason: "keeping the old leaf for an unchanged value only saves copying the path: the new leaf holds the same key and value"
  },
  {
    file: "src/internal/stringMap.ts",
    mutator: "ConditionalExpression",
    line: "const leaves = owner !== undefined && node.owner === owner ? node.leaves : node.leaves.slice()",
    original: "owner !== undefined && node.owner === owner",
    replacement: "false",
    reason: "writing in place a node the batch made itself only saves a copy: copying gives the same map"
  },
  {
    file: "src/internal/stringMap.ts",
    mutator: "ConditionalExpression",
    line: "return leaves === node.leaves ? node : new Collision(node.hash, leaves, owner)",
    original: "leaves === node.leaves",
    replacement: "false",
    reason: "a new node around the very leaves written in place holds the same entries"
  },
  {
    file: "src/internal/stringMap.ts",
    mutator: "ConditionalExpression",
    line: "return next === child ? node : withChild(node, at, next, owner)",
    original: "next === child",
    replacement: "false",
    reason: "an unchanged child copied into a new branch gives the same entries: only sharing is lost"
  },
  {
    file: "src/internal/stringMap.ts",
    mutator: "BlockStatement",
    line: "if (owner !== undefined && node.owner === owner) {",
    original: "{\n    node.children.splice(at, 0, leaf)\n    node.bitmap |= bit\n    return node\n  }",
    replacement: "{}",
    reason: "writing in place a node the batch made itself only saves a copy: copying gives the same map"
  },
  {
    file: "src/internal/stringMap.ts",
    mutator: "ConditionalExpression",
    line: "if ((node.bitmap & bit) === 0) return node",
    original: "(node.bitmap & bit) === 0",
    replacement: "false",
    reason: "a shortcut: going on into another child (or none) finds no such key, and the branch is answered as it was"
  },
  {
    file: "src/internal/stringMap.ts",
    mutator: "ConditionalExpression",
    line: "if (node.children.length === 1) return undefined",
    original: "node.children.length === 1",
    replacement: "false",
    reason: "unreachable: a branch with one child holds a branch of two keys or more (a lone leaf is collapsed into its parent), which one removal never empties"
  },
  {
    file: "src/internal/stringMap.ts",
    mutator: "BlockStatement",
    line: "if (owner !== undefined && node.owner === owner) {",
    original: "{\n    node.children.splice(at, 1)\n    node.bitmap &= ~bit\n    return node\n  }",
    replacement: "{}",
    reason: "writing in place a node the batch made itself only saves a copy: copying gives the same map"
  },
  {
    file: "src/container/errors.ts",
    mutator: "ConditionalExpression",
    line: "if (typeof value === \"string\") return JSON.stringify(value)",
    original: "typeof value === \"string\"",
    replacement: "false",
    reason: "the general case below quotes a string the same way (JSON.stringify)"
  },
  {
    file: "src/container/errors.ts",
    mutator: "StringLiteral",
    line: "if (typeof value === \"string\") return JSON.stringify(value)",
    original: "\"string\"",
    replacement: "\"\"",
    reason: "the general case below quotes a string the same way (JSON.stringify)"
  },
  {
    file: "src/internal/orderedMap.ts",
    mutator: "EqualityOperator",
    line: "height: (hl > hr ? hl : hr) + 1,",
    original: "hl > hr",
    replacement: "hl >= hr",
    reason: "on equal heights either one is the larger"
  },
  {
    file: "src/internal/orderedMap.ts",
    mutator: "ConditionalExpression",
    line: "if (values.length * Math.log2(total + 1) < total) {",
    original: "values.length * Math.log2(total + 1) < total",
    replacement: "true",
    reason: "inserting one by one or rebuilding is a cost choice: both give the same entries in a balanced tree"
  },
  {
    file: "src/internal/orderedMap.ts",
    mutator: "ConditionalExpression",
    line: "if (values.length * Math.log2(total + 1) < total) {",
    original: "values.length * Math.log2(total + 1) < total",
    replacement: "false",
    reason: "inserting one by one or rebuilding is a cost choice: both give the same entries in a balanced tree"
  },
  {
    file: "src/internal/orderedMap.ts",
    mutator: "EqualityOperator",
    line: "if (values.length * Math.log2(total + 1) < total) {",
    original: "values.length * Math.log2(total + 1) < total",
    replacement: "values.length * Math.log2(total + 1) <= total",
    reason: "inserting one by one or rebuilding is a cost choice: both give the same entries in a balanced tree"
  },
  {
    file: "src/internal/orderedMap.ts",
    mutator: "EqualityOperator",
    line: "if (values.length * Math.log2(total + 1) < total) {",
    original: "values.length * Math.log2(total + 1) < total",
    replacement: "values.length * Math.log2(total + 1) >= total",
    reason: "inserting one by one or rebuilding is a cost choice: both give the same entries in a balanced tree"
  },
  {
    file: "src/internal/orderedMap.ts",
    mutator: "ArithmeticOperator",
    line: "if (values.length * Math.log2(total + 1) < total) {",
    original: "values.length * Math.log2(total + 1)",
    replacement: "values.length / Math.log2(total + 1)",
    reason: "inserting one by one or rebuilding is a cost choice: both give the same entries in a balanced tree"
  },
  {
    file: "src/internal/orderedMap.ts",
    mutator: "ArithmeticOperator",
    line: "if (values.length * Math.log2(total + 1) < total) {",
    original: "total + 1",
    replacement: "total - 1",
    reason: "inserting one by one or rebuilding is a cost choice: both give the same entries in a balanced tree"
  },
  {
    file: "src/internal/orderedMap.ts",
    mutator: "ArrayDeclaration",
    line: "const keys = new Array<number>(total)",
    original: "new Array<number>(total)",
    replacement: "new Array()",
    reason: "sizing the array up front only saves its growth: every slot is written before use"
  },
  {
    file: "src/internal/orderedMap.ts",
    mutator: "ArrayDeclaration",
    line: "const all = new Array<V>(total)",
    original: "new Array<V>(total)",
    replacement: "new Array()",
    reason: "sizing the array up front only saves its growth: every slot is written before use"
  },
  {
    file: "src/internal/stringMap.ts",
    mutator: "ObjectLiteral",
    line: "const probe = { found: false }",
    original: "{ found: false }",
    replacement: "{}",
    reason: "only the initial value: an absent field reads as false as well, and setIn writes true"
  },
  {
    file: "src/compaction/internal/verify/capacity.ts",
    mutator: "OptionalChaining",
    line: "const capacity = trace.nodes.get(node)?.capacity ?? {}",
    original: "trace.nodes.get(node)?.capacity",
    replacement: "trace.nodes.get(node).capacity",
    reason: "unreachable: the peak is taken over the snapshot's own nodes and the destinations of a plan that passed every check, and decodePlan (before any check) refuses a destination the snapshot lacks"
  },
  {
    file: "src/compaction/internal/verify/occupancy.ts",
    mutator: "OptionalChaining",
    line: "const demand = this.trace.deployments.get(deployment)?.demand ?? {}",
    original: "this.trace.deployments.get(deployment)?.demand",
    replacement: "this.trace.deployments.get(deployment).demand",
    reason: "unreachable: verify is the only caller; the snapshot's replicas name its deployments (validate), and decodePlan refuses a step naming a deployment the snapshot lacks"
  },
  {
    file: "src/compaction/internal/verify/perNode.ts",
    mutator: "OptionalChaining",
    line: "const limit = trace.deployments.get(step.deployment)?.maxReplicasPerNode ?? Infinity",
    original: "trace.deployments.get(step.deployment)?.maxReplicasPerNode",
    replacement: "trace.deployments.get(step.deployment).maxReplicasPerNode",
    reason: "unreachable: verify is the only caller, and decodePlan refuses a step naming a deployment the snapshot lacks before any check runs"
  },
  {
    file: "src/compaction/internal/verify/trace.ts",
    mutator: "OptionalChaining",
    line: "[...nodes].reduce((sum, node) => sum + (trace.nodes.get(node)?.cost ?? 0), 0)",
    original: "trace.nodes.get(node)?.cost",
    replacement: "trace.nodes.get(node).cost",
    reason: "unreachable: the nodes summed are where the replicas are before or after the plan, the snapshot's own (validate) or a step's destination, and decodePlan refuses a destination the snapshot lacks"
  },
  {
    file: "src/compaction/Plan.ts",
    mutator: "ConditionalExpression",
    line: "if (typeof item !== \"object\" || item === null) return",
    original: "typeof item !== \"object\"",
    replacement: "false",
    reason: "a number, string or boolean item then reaches Object.hasOwn, which answers false for every field read (replica, deployment, node, from, to): no reference is read from it either way; null still returns"
  },
  {
    file: "src/compaction/Snapshot.ts",
    mutator: "ArrayDeclaration",
    line: "return Array.isArray(items) ? items.map((value, index) => ({ index, value, wellFormed: !malformed.has(`${list}[${index}]`) })) : []",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "a list that is missing or not a list has no items to check: a stand-in string has no id, node or deployment and is not well-formed, so every check skips it"
  },
  {
    file: "src/compaction/Snapshot.ts",
    mutator: "ConditionalExpression",
    line: "if (id === undefined) continue",
    original: "id === undefined",
    replacement: "false",
    reason: "in uniqueById (in duplicates it is killed): an item without a string id has a shape problem, so the well-formed pass drops it, and no reference (a string) looks up an undefined id"
  },
  {
    file: "src/compaction/internal/problems.ts",
    mutator: "ConditionalExpression",
    line: "if (container === undefined || !AST.isTypeLiteral(container) || container.propertySignatures.length === 0) {",
    original: "container === undefined",
    replacement: "false",
    reason: "unreachable: an unknown key is reported only under the issue of the struct or record holding it, which sets the container"
  },
  {
    file: "src/compaction/internal/problems.ts",
    mutator: "ConditionalExpression",
    line: "if (container === undefined || !AST.isTypeLiteral(container) || container.propertySignatures.length === 0) {",
    original: "container === undefined || !AST.isTypeLiteral(container)",
    replacement: "false",
    reason: "unreachable: only a struct or a record (both TypeLiterals, set as the container) reports an unknown key; every list is a Schema.Array, whose rest element takes any extra item"
  },
  {
    file: "src/compaction/internal/problems.ts",
    mutator: "LogicalOperator",
    line: "if (container === undefined || !AST.isTypeLiteral(container) || container.propertySignatures.length === 0) {",
    original: "container === undefined || !AST.isTypeLiteral(container)",
    replacement: "container === undefined && !AST.isTypeLiteral(container)",
    reason: "unreachable: only a struct or a record (both TypeLiterals, set as the container) reports an unknown key; every list is a Schema.Array, whose rest element takes any extra item"
  },
  {
    file: "src/compaction/internal/problems.ts",
    mutator: "ConditionalExpression",
    line: "const isMismatch = (issue: ParseResult.ParseIssue): boolean => issue._tag === \"Type\" && issue.message === undefined",
    original: "issue.message === undefined",
    replacement: "true",
    reason: "unreachable: no alternative of a union in the package's schemas fails with a bare Type carrying a message (a message comes only from a filter, whose failure is a Refinement)"
  },
  {
    file: "src/compaction/internal/options.ts",
    mutator: "ObjectLiteral",
    line: "problems: named({ options: input }, locate(error).map((p) => ({ ...p, path: [\"options\", ...p.path] })), {}, \"options\")",
    original: "{ options: input }",
    replacement: "{}",
    reason: "no labels are given, so named reads no id from the input: an options problem is named by its path alone"
  },
  {
    file: "src/compaction/internal/options.ts",
    mutator: "StringLiteral",
    line: "problems: named({ options: input }, locate(error).map((p) => ({ ...p, path: [\"options\", ...p.path] })), {}, \"options\")",
    original: "\"options\"",
    replacement: "\"\"",
    reason: "every path starts with options, so the root name (shown only for an empty path) is never used"
  },
  {
    file: "src/compaction/internal/candidate.ts",
    mutator: "EqualityOperator",
    line: "if (va !== vb) return va > vb",
    original: "va > vb",
    replacement: "va >= vb",
    reason: "under va !== vb the two values differ, so va >= vb and va > vb agree"
  },
  {
    file: "src/compaction/internal/candidate.ts",
    mutator: "EqualityOperator",
    line: "if (a.spent !== b.spent) return a.spent < b.spent",
    original: "a.spent < b.spent",
    replacement: "a.spent <= b.spent",
    reason: "under a.spent !== b.spent the two costs differ, so a.spent <= b.spent and a.spent < b.spent agree"
  },
  {
    file: "src/compaction/internal/firstFit.ts",
    mutator: "EqualityOperator",
    line: "while (width < bins) width *= 2",
    original: "width < bins",
    replacement: "width <= bins",
    reason: "only a tree twice as wide when bins is a power of two: the extra leaves are padding, never set (room -1) and never offered or returned (b < this.bins), so every query answers the same"
  },
  {
    file: "src/compaction/internal/firstFit.ts",
    mutator: "UnaryOperator",
    line: "this.room[i * R + k] = Math.max(this.room[2 * i * R + k] ?? -1, this.room[(2 * i + 1) * R + k] ?? -1)",
    original: "-1",
    replacement: "+1",
    reason: "unreachable: set is given only bins below `bins` (repack sets each of its bins and the bins first returns), so both children of every inner node it updates lie inside room (2 * width * R entries)"
  },
  {
    file: "src/compaction/internal/firstFit.ts",
    mutator: "UnaryOperator",
    line: "for (let k = 0, j = i * R; k < R; k++, j++) if ((this.room[j] ?? -1) < (demand[k] ?? 0)) return false",
    original: "-1",
    replacement: "+1",
    reason: "unreachable: search visits only tree nodes 1 … 2 * width - 1, whose entries all lie inside room (2 * width * R entries)"
  },
  {
    file: "src/compaction/internal/schedule.ts",
    mutator: "ConditionalExpression",
    line: "for (let i = 0; i < order.length && wave.length < maxConcurrent; i++) {",
    original: "wave.length < maxConcurrent",
    replacement: "true",
    reason: "a shortcut: once the wave holds maxConcurrent steps, each further queue takes min(…, maxConcurrent - wave.length, …) = 0 steps"
  },
  {
    file: "src/compaction/internal/schedule.ts",
    mutator: "EqualityOperator",
    line: "for (let i = 0; i < order.length && wave.length < maxConcurrent; i++) {",
    original: "wave.length < maxConcurrent",
    replacement: "wave.length <= maxConcurrent",
    reason: "a wave never holds more than maxConcurrent steps, and at exactly maxConcurrent each further queue takes 0 steps (see the entry above)"
  },
  {
    file: "src/compaction/internal/schedule.ts",
    mutator: "ArrayDeclaration",
    line: "const q = queues.get(d) ?? []",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "unreachable where it survives (taking a wave): d is read from order, the keys of queues; the same line building the queues meets a new deployment and is killed"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "EqualityOperator",
    line: "for (let k = 0; k < R; k++) total[k] = (total[k] ?? 0) + demandOf(instance, d, k) / scaleOf(instance, k)",
    original: "k < R",
    replacement: "k <= R",
    reason: "the extra pass writes total[R], past the end of a Float64Array of length R: the write is dropped and order reads columns 0 … R - 1 only"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "EqualityOperator",
    line: "for (let r = 0; r < this.level.length; r++) if ((this.level[r] ?? 0) > 0) this.pinned[r] = 1",
    original: "r < this.level.length",
    replacement: "r <= this.level.length",
    reason: "the extra pass reads level[length], undefined, as 0: it pins nothing"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "EqualityOperator",
    line: "for (let n = 0; n < nodeCount(instance); n++) if (this.mayReceive(n)) this.reindex(n)",
    original: "n < nodeCount(instance)",
    replacement: "n <= nodeCount(instance)",
    reason: "the extra pass asks about node N, whose used[N] is undefined: mayReceive is false and nothing is filed"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "ConditionalExpression",
    line: "if (unseen === 0) break",
    original: "unseen === 0",
    replacement: "false",
    reason: "a shortcut: once every filed node is seen, the remaining cells are empty and add nothing to the order"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "AssignmentOperator",
    line: "unseen -= this.index.countIn(cell)",
    original: "unseen -= this.index.countIn(cell)",
    replacement: "unseen += this.index.countIn(cell)",
    reason: "unseen then never reaches 0: the walk goes on over cells that hold no node left unseen (see the entry above), adding nothing"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "ConditionalExpression",
    line: "if (order.length >= limit) break",
    original: "order.length >= limit",
    replacement: "false",
    reason: "a shortcut: with the order full, the inner loop of every further cell breaks before taking a node"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "EqualityOperator",
    line: "if (order.length >= limit) break",
    original: "order.length >= limit",
    replacement: "order.length > limit",
    reason: "the order never exceeds the limit (the inner loop takes a node only below it), so > limit is never true: the same as no shortcut (see the entry above)"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "ArithmeticOperator",
    line: "this.spent += migrationCostOf(this.instance, d) * sign",
    original: "migrationCostOf(this.instance, d) * sign",
    replacement: "migrationCostOf(this.instance, d) / sign",
    reason: "sign is 1 or -1, and x / 1 = x * 1, x / -1 = x * -1 exactly in floating point"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "EqualityOperator",
    line: "if (s < bestScore || (s === bestScore && n < best)) (best = n), (bestScore = s)",
    original: "n < best",
    replacement: "n <= best",
    reason: "a node sits in one cell and is visited once per query, so n is never the best found so far"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "EqualityOperator",
    line: "for (let n = 0; n < nodeCount(instance); n++) {",
    original: "n < nodeCount(instance)",
    replacement: "n <= nodeCount(instance)",
    reason: "the extra pass of candidates asks about node N, whose used[N] is undefined: it is skipped before anything is recorded"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "ArrayDeclaration",
    line: "return this.byNode[n] ?? []",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "unreachable: byNode holds a list for every node (replicasByNode maps every node id), and every n asked about is a node index"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "ConditionalExpression",
    line: "if ((this.mode === \"best-fit\" && this.index.diagonal(cell) > bestDiagonal + 1) || scanned > SCAN_LIMIT) break",
    original: "scanned > SCAN_LIMIT",
    replacement: "false",
    reason: "a shortcut: once scanned passes SCAN_LIMIT, the inner loop of every further cell breaks at its first node (++scanned > SCAN_LIMIT) before looking at it"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "EqualityOperator",
    line: "if ((this.mode === \"best-fit\" && this.index.diagonal(cell) > bestDiagonal + 1) || scanned > SCAN_LIMIT) break",
    original: "scanned > SCAN_LIMIT",
    replacement: "scanned >= SCAN_LIMIT",
    reason: "at scanned = SCAN_LIMIT the next cell's first node makes it SCAN_LIMIT + 1 and the inner loop breaks before looking at it: stopping one cell earlier looks at the same nodes"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "UnaryOperator",
    line: "let bestB = -1",
    original: "-1",
    replacement: "+1",
    reason: "bestB is read only when bestE >= 0, and the two are set together: its initial value is never read"
  },
  {
    file: "src/compaction/internal/packing.ts",
    mutator: "ConditionalExpression",
    line: "if (overLimit && de !== d) continue",
    original: "de !== d",
    replacement: "true",
    reason: "a replica e of r's own deployment has r's demand and limit, and bestFit(r) found no node just before makeRoom with the same loads and index: bestFit(e, a) scans the same cells in the same order (a counted, never taken) and finds none either, so skipping e changes nothing"
  },
  {
    file: "src/compaction/internal/planner.ts",
    mutator: "ConditionalExpression",
    line: "if (!this.progress || this.round + 1 >= MAX_ROUNDS) {",
    original: "!this.progress",
    replacement: "false",
    reason: "a round that released nothing moved nothing (every failed drain is undone): the next round starts from the same targets, pins, levels and spent cost, meets the same candidates in the same order and fails the same way, up to MAX_ROUNDS, leaving the same packing and the same reasons"
  },
  {
    file: "src/compaction/internal/instance.ts",
    mutator: "ArrayDeclaration",
    line: "const nodeIds = new Array<string>(N)",
    original: "new Array<string>(N)",
    replacement: "new Array()",
    reason: "every index from 0 up is assigned, in order (chunked walks the records in order): an array that starts empty ends with the same length and contents"
  },
  {
    file: "src/compaction/internal/instance.ts",
    mutator: "ArrayDeclaration",
    line: "const deploymentIds = new Array<string>(D)",
    original: "new Array<string>(D)",
    replacement: "new Array()",
    reason: "every index from 0 up is assigned, in order (chunked walks the records in order): an array that starts empty ends with the same length and contents"
  },
  {
    file: "src/compaction/internal/instance.ts",
    mutator: "ArrayDeclaration",
    line: "const replicaIds = new Array<string>(P)",
    original: "new Array<string>(P)",
    replacement: "new Array()",
    reason: "every index from 0 up is assigned, in order (chunked walks the records in order): an array that starts empty ends with the same length and contents"
  },
  {
    file: "src/compaction/internal/planner.ts",
    mutator: "EqualityOperator",
    line: "if (this.started < drains && sizeOfSearch(this.instance) <= ATTEMPT_WORK) this.makers.length = drains",
    original: "this.started < drains",
    replacement: "this.started <= drains",
    reason: "when every drain attempt has started, cutting the makers to the drains leaves none to start, so the search ends at the next step as it does once reached"
  },
  {
    file: "src/compaction/internal/planner.ts",
    mutator: "EqualityOperator",
    line: "if (u === 1) for (let k = 0; k < R; k++) scale[k] = Math.max(scale[k] ?? 1, instance.capacity[n * R + k] ?? 0)",
    original: "k < R",
    replacement: "k <= R",
    reason: "the extra pass writes scale[R], past the end of a typed array of R entries: the write is dropped, and the scales are those of k < R"
  },
  {
    file: "src/compaction/internal/planner.ts",
    mutator: "ConditionalExpression",
    line: "const remaining = options.migrationBudget === undefined ? {} : { migrationBudget: options.migrationBudget - this.spent }",
    original: "options.migrationBudget === undefined",
    replacement: "false",
    reason: "without a budget the remaining one is undefined - spent, NaN, and every use of a budget is a > comparison (a drain's, a repack's, a merge's), false against NaN as against no budget"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "ArithmeticOperator",
    line: "const count = (flags: Uint8Array): number => flags.reduce((a, b) => a + b, 0)",
    original: "a + b",
    replacement: "a - b",
    reason: "counts of releases are only compared: for equality (the one-level shortcut), which their negations keep, and by their difference in shorter, 0 wherever it is called (see the more > 0 entries)"
  },
  {
    file: "src/compaction/internal/planner.ts",
    mutator: "BooleanLiteral",
    line: "this.progress = false",
    original: "false",
    replacement: "true",
    reason: "progress then stays true once a round has released: the attempt runs on to MAX_ROUNDS, and a round that releases nothing changes nothing (see the !this.progress entry), so the extra rounds leave the same packing"
  },
  {
    file: "src/compaction/internal/planner.ts",
    mutator: "ConditionalExpression",
    line: "if (step.done === true) this.bound = step.value",
    original: "step.done === true",
    replacement: "true",
    reason: "the lower bound's steps yield undefined until the last: assigning a pending step's value leaves the bound undefined, as not assigning does"
  },
  {
    file: "src/compaction/internal/planner.ts",
    mutator: "ArithmeticOperator",
    line: "if ((attempt - FIXED_ORDERS) % 2 === 0) return drawn(keys, () => next())",
    original: "attempt - FIXED_ORDERS",
    replacement: "attempt + FIXED_ORDERS",
    reason: "attempt + 4 and attempt - 4 differ by 8, an even number: both have the same parity, so the same attempts draw random orders"
  },
  {
    file: "src/compaction/internal/planner.ts",
    mutator: "BlockStatement",
    line: "partial(): undefined {",
    original: "{\n    return undefined\n  }",
    replacement: "{}",
    reason: "a method with an empty body returns undefined, as this one does"
  },
  {
    file: "src/compaction/internal/planner.ts",
    mutator: "BooleanLiteral",
    line: "private pinned = false",
    original: "false",
    replacement: "true",
    reason: "the initial value is never read: pinned is read only while merging, and merging starts with restartFrom, whose searchOwnResult(false) sets it"
  },
  {
    file: "src/compaction/internal/planner.ts",
    mutator: "ArrayDeclaration",
    line: "private alternatives: Array<Candidate> = []",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "the initial value is never read: alternatives is read only by stuck(), while merging, and is assigned when merging starts"
  },
  {
    file: "src/compaction/internal/planner.ts",
    mutator: "ConditionalExpression",
    line: "if (result === undefined) return this.finish()",
    original: "result === undefined",
    replacement: "false",
    reason: "unreachable: every search makes at least one drain attempt (attemptsFor is at least 1), a drain attempt always yields its packing as a candidate, and the attempts end only after one has finished, so best is set"
  },
  {
    file: "src/compaction/internal/planner.ts",
    mutator: "StringLiteral",
    line: "const { load, replicasOn } = tally(instance, instance.replicaNode, \"none\")",
    original: "\"none\"",
    replacement: "\"\"",
    reason: "keysOf reads only the tally's load and replica counts; the mode only says which per-deployment counts to keep, and \"\" (neither \"all\" nor \"limited\") keeps none, as \"none\" does"
  },
  {
    file: "src/compaction/internal/planner.ts",
    mutator: "BooleanLiteral",
    line: "private progress = false",
    original: "false",
    replacement: "true",
    reason: "it only lets a first round that released nothing be followed by another: that round moved nothing (every failed drain is undone), so the next ones meet the same candidates and fail the same way (see the !this.progress entry)"
  },
  {
    file: "src/compaction/internal/instance.ts",
    mutator: "StringLiteral",
    line: "export const idOf = (ids: ReadonlyArray<string>, i: number): string => ids[i] ?? \"\"",
    original: "\"\"",
    replacement: "\"Stryker was here!\"",
    reason: "unreachable fallback: its callers (assemble, Ray's port) read ids only at replica, deployment and node indexes of the instance (replicas, their deployments, their start and target nodes, the nodes in use), all in range"
  },
  {
    file: "src/compaction/internal/assemble.ts",
    mutator: "StringLiteral",
    line: "const finalLoad = tally(instance, packing.target, \"none\").load",
    original: "\"none\"",
    replacement: "\"\"",
    reason: "assemble reads only the tally's load; the mode only says which per-deployment counts to keep, and \"\" (neither \"all\" nor \"limited\") keeps none, as \"none\" does"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "ConditionalExpression",
    line: "if (limitOf(instance, d) > 0) this.counts.add(n, d, 1)",
    original: "limitOf(instance, d) > 0",
    replacement: "true",
    reason: "the per-node counts are read only for a deployment with a limit (fits and first fit test limit === 0 first), so also counting the deployments without one changes nothing that is read"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "EqualityOperator",
    line: "if (limitOf(instance, d) > 0) this.counts.add(n, d, 1)",
    original: "limitOf(instance, d) > 0",
    replacement: "limitOf(instance, d) >= 0",
    reason: "the per-node counts are read only for a deployment with a limit (fits and first fit test limit === 0 first), so also counting the deployments without one changes nothing that is read"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "ConditionalExpression",
    line: "if (limitOf(instance, d) > 0) this.counts.add(n, d, -1)",
    original: "limitOf(instance, d) > 0",
    replacement: "true",
    reason: "the per-node counts are read only for a deployment with a limit (fits and first fit test limit === 0 first), so also counting the deployments without one changes nothing that is read"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "EqualityOperator",
    line: "if (limitOf(instance, d) > 0) this.counts.add(n, d, -1)",
    original: "limitOf(instance, d) > 0",
    replacement: "limitOf(instance, d) >= 0",
    reason: "the per-node counts are read only for a deployment with a limit (fits and first fit test limit === 0 first), so also counting the deployments without one changes nothing that is read"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "ConditionalExpression",
    line: "if (this.kind === \"fill\") {",
    original: "this.kind === \"fill\"",
    replacement: "true",
    reason: "the first-fit kinds then build the fills' pool as well, and never read it"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "ConditionalExpression",
    line: "const best = kept !== undefined && highestLevel(kept.level) <= 1 && count(this.releasedBy(kept.target)) === count(this.releasedBy(this.packed))",
    original: "kept !== undefined && highestLevel(kept.level) <= 1 && count(this.releasedBy(kept.target)) === count(this.releasedBy(this.packed))",
    replacement: "false",
    reason: "a shortcut: when the kept order has one level and every release of the packing, the hosts' order is worked out but never taken: a remap of the same packing releases at most as many nodes, and releasing as many it has at least one level (with none it moves nothing and releases nothing, and then neither is a candidate)"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "ConditionalExpression",
    line: "const best = kept !== undefined && highestLevel(kept.level) <= 1 && count(this.releasedBy(kept.target)) === count(this.releasedBy(this.packed))",
    original: "highestLevel(kept.level) <= 1",
    replacement: "false",
    reason: "a shortcut: when the kept order has one level and every release of the packing, the hosts' order is worked out but never taken: a remap of the same packing releases at most as many nodes, and releasing as many it has at least one level (with none it moves nothing and releases nothing, and then neither is a candidate) (here never taken: the hosts are always tried)"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "EqualityOperator",
    line: "const best = kept !== undefined && highestLevel(kept.level) <= 1 && count(this.releasedBy(kept.target)) === count(this.releasedBy(this.packed))",
    original: "highestLevel(kept.level) <= 1",
    replacement: "highestLevel(kept.level) < 1",
    reason: "a shortcut: when the kept order has one level and every release of the packing, the hosts' order is worked out but never taken: a remap of the same packing releases at most as many nodes, and releasing as many it has at least one level (with none it moves nothing and releases nothing, and then neither is a candidate) (a kept order that moves anything has a level 1 at least, so < 1 never takes the shortcut)"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "ConditionalExpression",
    line: "const best = kept !== undefined && highestLevel(kept.level) <= 1 && count(this.releasedBy(kept.target)) === count(this.releasedBy(this.packed))",
    original: "count(this.releasedBy(kept.target)) === count(this.releasedBy(this.packed))",
    replacement: "false",
    reason: "a shortcut: when the kept order has one level and every release of the packing, the hosts' order is worked out but never taken: a remap of the same packing releases at most as many nodes, and releasing as many it has at least one level (with none it moves nothing and releases nothing, and then neither is a candidate) (here never taken: the hosts are always tried)"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "ConditionalExpression",
    line: "const best = kept !== undefined && highestLevel(kept.level) <= 1 && count(this.releasedBy(kept.target)) === count(this.releasedBy(this.packed))",
    original: "count(this.releasedBy(kept.target)) === count(this.releasedBy(this.packed))",
    replacement: "true",
    reason: "never false where it is read: a repaired order releases exactly the nodes its target releases (quantities are safe integers, so the loads it sums are exact while below 2^53). A cancelled move leaves its replica on its own node, which the target still uses, and never empties its destination: that node's own replicas all leave it, and one of them still waits when the order blocks (had all left, the node would be empty and the waiting replica, packed there, would fit); a block lasts until every waiting move is cancelled (a cancellation frees no room), and that replica can be cancelled only while its node is in use, so emptying the destination first leaves no order at all"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "EqualityOperator",
    line: "const best = kept !== undefined && highestLevel(kept.level) <= 1 && count(this.releasedBy(kept.target)) === count(this.releasedBy(this.packed))",
    original: "count(this.releasedBy(kept.target)) === count(this.releasedBy(this.packed))",
    replacement: "count(this.releasedBy(kept.target)) !== count(this.releasedBy(this.packed))",
    reason: "the releases are always equal (see the entry above), so the shortcut is never taken and the hosts are always tried, which changes nothing (see the entries that replace the whole condition or this comparison by false)"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "ConditionalExpression",
    line: "return more > 0 || (more === 0 && highestLevel(a.level) < highestLevel(b.level))",
    original: "more > 0",
    replacement: "false",
    reason: "more is 0 wherever shorter is called: both orders release what the packing releases (remap moves each packed node's contents onto one node of its class, a node each, so as many nodes stay in use; a repaired order releases what its target releases, see the entries on best above)"
  },
  {
    file: "src/compaction/internal/repack.ts",
    mutator: "ConditionalExpression",
    line: "return more > 0 || (more === 0 && highestLevel(a.level) < highestLevel(b.level))",
    original: "more === 0",
    replacement: "true",
    reason: "more is 0 wherever shorter is called: both orders release what the packing releases (remap moves each packed node's contents onto one node of its class, a node each, so as many nodes stay in use; a repaired order releases what its target releases, see the entries on best above)"
  },
  {
    file: "src/compaction/internal/occupancy.ts",
    mutator: "ArrayDeclaration",
    line: "private readonly journal: Array<Move> = []",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "the extra first entry is never undone: rollback returns only to a position mark() gave, which counts that entry, and commit() empties the journal"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "ArithmeticOperator",
    line: "const orderKey = (size: number, start: number): number => size * 1024 + start",
    original: "size * 1024 + start",
    replacement: "size * 1024 - start",
    reason: "a cache key only has to tell the (size, start) pairs apart: grids are 4, 16 or 32 cells wide and start < size * size <= 1024, so size * 1024 - start falls in (size * 1024 - 1024, size * 1024], disjoint ranges for the three sizes, one key per start"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "ArithmeticOperator",
    line: "const orderKey = (size: number, start: number): number => size * 1024 + start",
    original: "size * 1024",
    replacement: "size / 1024",
    reason: "a cache key only has to tell the (size, start) pairs apart: start is an integer and size / 1024 is 4, 16 or 32 / 1024 (exact binary fractions below 1, one per size), so start + size / 1024 is still one key per pair"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "ConditionalExpression",
    line: "if (order === undefined) {",
    original: "order === undefined",
    replacement: "true",
    reason: "a cache (upward's and near's have this line): each order is a function of the grid size and the start cell alone, so computing it again gives the same cells in the same order"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "ConditionalExpression",
    line: "if (cells.length > SORT_OCCUPIED_UP_TO) return this.upward(start).filter((c) => (this.count[c] ?? 0) > 0)",
    original: "cells.length > SORT_OCCUPIED_UP_TO",
    replacement: "false",
    reason: "a cost choice: sorting the occupied cells by upward's key gives the same list as filtering upward's order (a test compares the two on every grid size), so never filtering only takes longer"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "ConditionalExpression",
    line: "if (cells.length > SORT_OCCUPIED_UP_TO) return this.upward(start).filter((c) => (this.count[c] ?? 0) > 0)",
    original: "cells.length > SORT_OCCUPIED_UP_TO",
    replacement: "true",
    reason: "a cost choice: filtering upward's order gives the same list as sorting the occupied cells by its key (see the entry above), so always filtering only takes longer"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "EqualityOperator",
    line: "if (cells.length > SORT_OCCUPIED_UP_TO) return this.upward(start).filter((c) => (this.count[c] ?? 0) > 0)",
    original: "cells.length > SORT_OCCUPIED_UP_TO",
    replacement: "cells.length >= SORT_OCCUPIED_UP_TO",
    reason: "a cost choice at its threshold: with exactly SORT_OCCUPIED_UP_TO cells, filtering upward's order gives the same list as sorting them (see the ConditionalExpression entries of this line)"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "EqualityOperator",
    line: "if (cells.length > SORT_OCCUPIED_UP_TO) return this.upward(start).filter((c) => (this.count[c] ?? 0) > 0)",
    original: "cells.length > SORT_OCCUPIED_UP_TO",
    replacement: "cells.length <= SORT_OCCUPIED_UP_TO",
    reason: "a row holds at most 32 cells, so after the first row the query always filters upward's order: the same list as the sort gives (see the ConditionalExpression entries of this line)"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "EqualityOperator",
    line: "for (let a = r0; a < size; a++) {",
    original: "a < size",
    replacement: "a <= size",
    reason: "occupiedColumns has size rows: row size reads undefined, taken as 0 (no column), so the extra pass adds no cell and the threshold check sees the same count"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "EqualityOperator",
    line: "return b < 0 ? 0 : b >= this.size ? this.size - 1 : b",
    original: "b < 0",
    replacement: "b <= 0",
    reason: "at b = 0 both branches answer 0"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "UnaryOperator",
    line: "this.after = new Int32Array(nodes).fill(-1)",
    original: "-1",
    replacement: "+1",
    reason: "never read: set writes after[n] when it indexes node n, and after is read only for indexed nodes (leave, and nextIn along a cell's list from firstIn, the only walk packing makes)"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "UnaryOperator",
    line: "this.before = new Int32Array(nodes).fill(-1)",
    original: "-1",
    replacement: "+1",
    reason: "never read: set writes before[n] when it indexes node n, and before is read only by leave, for an indexed node"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "UnaryOperator",
    line: "const old = this.cellOf[n] ?? -1",
    original: "-1",
    replacement: "+1",
    reason: "unreachable in set: it is given only nodes below the count the index is built with (packing reindexes n < nodeCount(instance), the count it passes), whose cellOf entry exists; delete has the same line and its mutant is killed (a node outside the index)"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "UnaryOperator",
    line: "const last = this.tail[cell] ?? -1",
    original: "-1",
    replacement: "+1",
    reason: "unreachable: cellFor clamps both buckets into 0 … size - 1 (free amounts are finite numbers), so cell < size * size and tail[cell] exists"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "UnaryOperator",
    line: "const previous = this.before[n] ?? -1",
    original: "-1",
    replacement: "+1",
    reason: "unreachable: leave is called only for a node whose cellOf entry is a cell (>= 0), so n is below the node count, the length of before"
  },
  {
    file: "src/compaction/internal/capacityIndex.ts",
    mutator: "UnaryOperator",
    line: "const next = this.after[n] ?? -1",
    original: "-1",
    replacement: "+1",
    reason: "unreachable: leave is called only for a node whose cellOf entry is a cell (>= 0), so n is below the node count, the length of after"
  },
  {
    file: "src/compaction/internal/instance.ts",
    mutator: "UnaryOperator",
    line: "const d = deploymentIndex.get(replica.deployment) ?? -1",
    original: "-1",
    replacement: "+1",
    reason: "unreachable: the view is built from a validated snapshot, and validate refuses a replica naming a deployment the snapshot lacks, so the lookup always finds an index"
  },
  {
    file: "src/compaction/internal/instance.ts",
    mutator: "UnaryOperator",
    line: "replicaNode[r] = nodeIndex.get(replica.node) ?? -1",
    original: "-1",
    replacement: "+1",
    reason: "unreachable: validate refuses a replica on a node the snapshot lacks, so the lookup always finds an index"
  },
  {
    file: "src/compaction/internal/instance.ts",
    mutator: "OptionalChaining",
    line: "placement.forEach((n, r) => byNode[n]?.push(r))",
    original: "byNode[n]?.push",
    replacement: "byNode[n].push",
    reason: "unreachable: every placement passed in (the snapshot's own, a repacked target) puts each replica on a node index below nodeCount, so byNode[n] always exists"
  },
  {
    file: "src/compaction/ray.ts",
    mutator: "ArithmeticOperator",
    line: "const left = (m: number) => (k: number) => (pool[m * R + k] ?? 0) - (need[k] ?? 0)",
    original: "(pool[m * R + k] ?? 0) - (need[k] ?? 0)",
    replacement: "(pool[m * R + k] ?? 0) + (need[k] ?? 0)",
    reason: "left only ranks the candidate nodes of one replica against each other, and they all lose or gain the same need: compare reads the sign of (p1 ± x) - (p2 ± x), that of p1 - p2 (up to rounding in the last bit)"
  },
  {
    file: "src/compaction/ray.ts",
    mutator: "LogicalOperator",
    line: "const left = (m: number) => (k: number) => (pool[m * R + k] ?? 0) - (need[k] ?? 0)",
    original: "need[k] ?? 0",
    replacement: "need[k] && 0",
    reason: "subtracting 0 instead of the need from every candidate's room ranks the candidates of one replica alike (see the entry above): the same need comes off each"
  },
  {
    file: "src/compaction/ray.ts",
    mutator: "StringLiteral",
    line: "const before = tally(instance, instance.replicaNode, \"none\").replicasOn",
    original: "\"none\"",
    replacement: "\"\"",
    reason: "\"none\" and any other word but \"all\" or \"limited\" make tally skip the per-deployment counts, which writePlan never reads (only the replicas per node)"
  },
  {
    file: "src/compaction/ray.ts",
    mutator: "StringLiteral",
    line: "const after = tally(instance, target, \"none\")",
    original: "\"none\"",
    replacement: "\"\"",
    reason: "\"none\" and any other word but \"all\" or \"limited\" make tally skip the per-deployment counts, which writePlan never reads (only loads and replicas per node)"
  },
  {
    file: "src/compaction/fromRay.ts",
    mutator: "ConditionalExpression",
    line: "const name = list === \"nodes\" ? at(item, \"node_id\") : list === \"actors\" ? at(item, \"class_name\") : undefined",
    original: "list === \"actors\"",
    replacement: "true",
    reason: "nameOf sees only the lists nodes and actors: an item (a numeric key) is reached only through the dump's two Schema.Arrays, since a dump or record that is a list is refused where it stands"
  },
  {
    file: "src/compaction/fromRay.ts",
    mutator: "ConditionalExpression",
    line: "if (node === undefined || !aliveIds.has(node)) {",
    original: "node === undefined",
    replacement: "false",
    reason: "aliveIds holds node ids (strings) only, so !aliveIds.has(undefined) is true: an actor without a node takes the same branch"
  },
  {
    file: "src/compaction/internal/import/quantity.ts",
    mutator: "StringLiteral",
    line: "const [, sign, number = \"\", suffix = \"\"] = match",
    original: "\"\"",
    replacement: "\"Stryker was here!\"",
    reason: "unreachable default of number: the grammar's number group is not optional, so every match holds its digits (the default only satisfies the type of a destructured match); suffix's default, the same mutant on this line, is reached and killed"
  },
  {
    file: "src/compaction/internal/import/quantity.ts",
    mutator: "EqualityOperator",
    line: "if (exponent >= 0) numerator *= pow(10n, exponent)",
    original: "exponent >= 0",
    replacement: "exponent > 0",
    reason: "at exponent 0 either branch multiplies by 10^0 = 1 (the numerator or the denominator), so the quantity is the same"
  },
  {
    file: "src/compaction/internal/import/podRequests.ts",
    mutator: "EqualityOperator",
    line: "a.numerator * b.denominator >= b.numerator * a.denominator ? a : b",
    original: "a.numerator * b.denominator >= b.numerator * a.denominator",
    replacement: "a.numerator * b.denominator > b.numerator * a.denominator",
    reason: "on a tie a and b are the same value (perhaps as different fractions); every later use (plus, larger, toUnits) reads only the value, so either answer converts to the same units"
  },
  {
    file: "src/compaction/internal/import/podRequests.ts",
    mutator: "ConditionalExpression",
    line: "if (typeof q !== \"string\") out[name] = q",
    original: "typeof q !== \"string\"",
    replacement: "true",
    reason: "quantities reads only resource lists the schema has decoded, and its QuantityField refuses every text parse refuses: parse never answers a string here"
  },
  {
    file: "src/compaction/internal/import/podRequests.ts",
    mutator: "StringLiteral",
    line: "if (typeof q !== \"string\") out[name] = q",
    original: "\"string\"",
    replacement: "\"\"",
    reason: "the test is then always true: the same as the entry above (parse never answers a string for a decoded resource list)"
  },
  {
    file: "src/compaction/internal/import/podRequests.ts",
    mutator: "ArrayDeclaration",
    line: "for (const c of spec.initContainers ?? []) {",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "a pod without init containers then meets a stand-in string, which has no restartPolicy and no resources: it requests nothing, and the larger of nothing and the sidecars (none) changes no request"
  },
  {
    file: "src/compaction/fromKubernetes.ts",
    mutator: "ArrayDeclaration",
    line: "return []",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "after a part of the dump fails to decode its problems are recorded, so the dump is refused whatever is returned; a returned string has no kind, so no node or pod list picks it up"
  },
  {
    file: "src/compaction/fromKubernetes.ts",
    mutator: "ArrayDeclaration",
    line: "const taints = (spec.taints ?? []).filter((t) => BLOCKING_EFFECTS.includes(t.effect))",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "the filter keeps only NoSchedule/NoExecute effects; a string has no effect, so the taints are empty either way"
  },
  {
    file: "src/compaction/fromKubernetes.ts",
    mutator: "StringLiteral",
    line: "allocatable: convert(quantities(status.allocatable), \"down\", [...node.path, \"status\", \"allocatable\"], problems),",
    original: "\"down\"",
    replacement: "\"\"",
    reason: "toUnits rounds up only for \"up\" and down for anything else, so \"\" rounds down like \"down\""
  },
  {
    file: "src/compaction/fromKubernetes.ts",
    mutator: "ArrayDeclaration",
    line: "for (const v of pod.spec.volumes ?? []) {",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "a string has no emptyDir, hostPath nor persistentVolumeClaim field, so it adds no pin reason, like no volume"
  },
  {
    file: "src/compaction/fromKubernetes.ts",
    mutator: "ArrayDeclaration",
    line: "if ((pod.spec.topologySpreadConstraints ?? []).some((c) => c.whenUnsatisfiable === \"DoNotSchedule\")) {",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "a string has no whenUnsatisfiable field, so some(...) is false, as on no constraint"
  },
  {
    file: "src/compaction/fromKubernetes.ts",
    mutator: "ArrayDeclaration",
    line: "const controller = (pod.metadata.ownerReferences ?? []).find((o) => o.controller === true)",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "a string has no controller field, so find(...) gives undefined, as on no owner"
  },
  {
    file: "src/compaction/fromKubernetes.ts",
    mutator: "StringLiteral",
    line: "const listKind = /^(.+)List$/.exec(decoded.right.kind ?? \"\")?.[1]",
    original: "\"\"",
    replacement: "\"Stryker was here!\"",
    reason: "a list without a kind names no item kind: \"\" and \"Stryker was here!\" both fail the pattern (no name before a final List), so listKind is undefined either way"
  },
  {
    file: "src/compaction/fromKubernetes.ts",
    mutator: "ArrayDeclaration",
    line: "for (const pod of membersOf.get(id) ?? []) {",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "unreachable: id comes from labelsOf, and every group put in labelsOf is put in membersOf in the same step"
  },
  {
    file: "src/compaction/internal/sequence.ts",
    mutator: "ConditionalExpression",
    line: "if (limit > 0) counts.add(n, d, 1)",
    original: "limit > 0",
    replacement: "true",
    reason: "counting an arrival of a deployment without a per-node limit changes nothing observable: its count is never read (the fit check stops at limit === 0), so the guard only keeps the sparse counts small"
  },
  {
    file: "src/compaction/internal/sequence.ts",
    mutator: "EqualityOperator",
    line: "if (limit > 0) counts.add(n, d, 1)",
    original: "limit > 0",
    replacement: "limit >= 0",
    reason: "limits are never negative, so >= 0 is always true: counting an arrival of a deployment without a per-node limit changes nothing observable: its count is never read (the fit check stops at limit === 0), so the guard only keeps the sparse counts small"
  },
  {
    file: "src/compaction/internal/sequence.ts",
    mutator: "ConditionalExpression",
    line: "if (limitOf(instance, deploymentOf(instance, r)) > 0) counts.add(from[r] ?? 0, deploymentOf(instance, r), -1)",
    original: "limitOf(instance, deploymentOf(instance, r)) > 0",
    replacement: "true",
    reason: "counting a departure of a deployment without a per-node limit changes nothing observable: its count is never read (the fit check stops at limit === 0), so the guard only keeps the sparse counts small"
  },
  {
    file: "src/compaction/internal/sequence.ts",
    mutator: "EqualityOperator",
    line: "if (limitOf(instance, deploymentOf(instance, r)) > 0) counts.add(from[r] ?? 0, deploymentOf(instance, r), -1)",
    original: "limitOf(instance, deploymentOf(instance, r)) > 0",
    replacement: "limitOf(instance, deploymentOf(instance, r)) >= 0",
    reason: "limits are never negative, so >= 0 is always true: counting a departure of a deployment without a per-node limit changes nothing observable: its count is never read (the fit check stops at limit === 0), so the guard only keeps the sparse counts small"
  },
  {
    file: "src/compaction/internal/sequence.ts",
    mutator: "ConditionalExpression",
    line: "if (limit > 0) {",
    original: "limit > 0",
    replacement: "true",
    reason: "moving the target's count of a deployment without a per-node limit changes nothing observable: cancelOne reads it only when limit > 0 (limit === 0 fits at once), so the guard only keeps the sparse counts small"
  },
  {
    file: "src/compaction/internal/sequence.ts",
    mutator: "EqualityOperator",
    line: "if (limit > 0) {",
    original: "limit > 0",
    replacement: "limit >= 0",
    reason: "limits are never negative, so >= 0 is always true: moving the target's count of a deployment without a per-node limit changes nothing observable: cancelOne reads it only when limit > 0 (limit === 0 fits at once), so the guard only keeps the sparse counts small"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "return d === undefined ? undefined : Container.stateOf(draft.deployment(d).replicas, id)",
    original: "d === undefined",
    replacement: "false",
    reason: "unreachable: a compaction names only replicas of the lifecycle's own deployments, which never go away"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "const replica = d === undefined ? undefined : draft.record(d, step.replica)",
    original: "d === undefined",
    replacement: "false",
    reason: "unreachable: a compaction names only replicas of the lifecycle's own deployments, which never go away"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "LogicalOperator",
    line: "if (d !== undefined && replica !== undefined && stateOfReplica(draft, step.replica) === \"RUNNING\") {",
    original: "d !== undefined && replica !== undefined",
    replacement: "d !== undefined || replica !== undefined",
    reason: "the deployment is always known, and a replica whose record is gone has no state either, so the RUNNING check refuses it"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (d !== undefined && replica !== undefined && stateOfReplica(draft, step.replica) === \"RUNNING\") {",
    original: "d !== undefined && replica !== undefined",
    replacement: "true",
    reason: "the deployment is always known, and a replica whose record is gone has no state either, so the RUNNING check refuses it"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (d !== undefined && replica !== undefined && stateOfReplica(draft, step.replica) === \"RUNNING\") {",
    original: "d !== undefined",
    replacement: "true",
    reason: "the deployment is always known, and a replica whose record is gone has no state either, so the RUNNING check refuses it"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (d !== undefined && replica !== undefined && stateOfReplica(draft, step.replica) === \"RUNNING\") {",
    original: "replica !== undefined",
    replacement: "true",
    reason: "a replica whose record is gone has no state either, so the RUNNING check refuses it"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "MethodExpression",
    line: "? active.nodes.every((node) => (draft.nodeAt(node)?.live ?? 0) === 0)",
    original: "active.nodes.every((node) => (draft.nodeAt(node)?.live ?? 0) === 0)",
    replacement: "active.nodes.some(node => (draft.nodeAt(node)?.live ?? 0) === 0)",
    reason: "a Ray compaction empties one node (one per round), on which every and some agree"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "LogicalOperator",
    line: "if (done) return complete(draft, draft.compaction.active ?? active)",
    original: "draft.compaction.active ?? active",
    replacement: "draft.compaction.active && active",
    reason: "the compaction is still the one this update began with (advance writes it only when it goes on): both name the same"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "UpdateOperator",
    line: "if (replica.version !== dep.version) outdated++",
    original: "outdated++",
    replacement: "outdated--",
    reason: "unreachable: the only replicas added are new ones, placed at their deployment's current version"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "ConditionalExpression",
    line: "if (replica.version !== dep.version) outdated++",
    original: "replica.version !== dep.version",
    replacement: "false",
    reason: "unreachable: the only replicas added are new ones, placed at their deployment's current version"
  },
  {
    file: "src/lifecycle/internal/rayChoice.ts",
    mutator: "ConditionalExpression",
    line: "if (d === undefined) continue",
    original: "d === undefined",
    replacement: "false",
    reason: "unreachable: every replica id the lifecycle makes names one of its deployments, which never go away"
  },
  {
    file: "src/lifecycle/internal/rayChoice.ts",
    mutator: "ConditionalExpression",
    line: "if (stateOf(dep.replicas, id) === \"RUNNING\") movers.push({ d, demand: dep.demand })",
    original: "stateOf(dep.replicas, id) === \"RUNNING\"",
    replacement: "true",
    reason: "Ray's choice is made only when no node drains and every deployment is HEALTHY at its target (rayAllowed): every replica is RUNNING then"
  },
  {
    file: "src/lifecycle/internal/rayChoice.ts",
    mutator: "ConditionalExpression",
    line: "if (limit !== undefined && (node.perDeployment.get(d) ?? 0) + (placed.get(`${i}:${d}`) ?? 0) >= limit) continue",
    original: "limit !== undefined",
    replacement: "true",
    reason: "with no limit the comparison with undefined is false as well"
  },
  {
    file: "src/lifecycle/internal/rayChoice.ts",
    mutator: "ConditionalExpression",
    line: "!node.released && !draft.draining.has(node.id) && !draft.compaction.releasing.has(node.id)",
    original: "!node.released && !draft.draining.has(node.id) && !draft.compaction.releasing.has(node.id)",
    replacement: "true",
    reason: "Ray's choice is made only when no node drains and every deployment is HEALTHY at its target (rayAllowed): a node with a running replica is then neither released, draining nor waiting for its release (those hold no running replica)"
  },
  {
    file: "src/lifecycle/internal/rayChoice.ts",
    mutator: "LogicalOperator",
    line: "!node.released && !draft.draining.has(node.id) && !draft.compaction.releasing.has(node.id)",
    original: "!node.released && !draft.draining.has(node.id) && !draft.compaction.releasing.has(node.id)",
    replacement: "!node.released && !draft.draining.has(node.id) || !draft.compaction.releasing.has(node.id)",
    reason: "Ray's choice is made only when no node drains and every deployment is HEALTHY at its target (rayAllowed): a node with a running replica is then neither released, draining nor waiting for its release (those hold no running replica)"
  },
  {
    file: "src/lifecycle/internal/rayChoice.ts",
    mutator: "ConditionalExpression",
    line: "!node.released && !draft.draining.has(node.id) && !draft.compaction.releasing.has(node.id)",
    original: "!node.released && !draft.draining.has(node.id)",
    replacement: "true",
    reason: "Ray's choice is made only when no node drains and every deployment is HEALTHY at its target (rayAllowed): a node with a running replica is then neither released, draining nor waiting for its release (those hold no running replica)"
  },
  {
    file: "src/lifecycle/internal/rayChoice.ts",
    mutator: "LogicalOperator",
    line: "!node.released && !draft.draining.has(node.id) && !draft.compaction.releasing.has(node.id)",
    original: "!node.released && !draft.draining.has(node.id)",
    replacement: "!node.released || !draft.draining.has(node.id)",
    reason: "Ray's choice is made only when no node drains and every deployment is HEALTHY at its target (rayAllowed): a node with a running replica is then neither released, draining nor waiting for its release (those hold no running replica)"
  },
  {
    file: "src/lifecycle/internal/rayChoice.ts",
    mutator: "ConditionalExpression",
    line: "if (movers.length === 0 || !compactable(draft, i, movers, pool)) continue",
    original: "movers.length === 0",
    replacement: "false",
    reason: "Ray's choice is made only when no node drains and every deployment is HEALTHY at its target (rayAllowed): every replica is RUNNING then, so a node in the pool (running > 0) has one to move"
  },
  {
    file: "src/lifecycle/internal/rayChoice.ts",
    mutator: "ConditionalExpression",
    line: "if (larger > 0 || (larger === 0 && chosen !== undefined && movers.length < chosen.count)) {",
    original: "chosen !== undefined",
    replacement: "true",
    reason: "larger is 0 only when compared with a node already chosen (it is 1 while none is)"
  },
  {
    file: "src/lifecycle/internal/events.ts",
    mutator: "StringLiteral",
    line: "const d = draft.base.deploymentIndex.get(deploymentOf(id) ?? \"\")",
    original: "\"\"",
    replacement: "\"Stryker was here!\"",
    reason: "an id without # names no deployment: no deployment is named \"\" or \"Stryker was here!\", so the replica is unknown either way"
  },
  {
    file: "src/lifecycle/internal/events.ts",
    mutator: "ConditionalExpression",
    line: "if (d === undefined || replica === undefined) throw new UnknownReplica({ index, replica: id })",
    original: "d === undefined",
    replacement: "false",
    reason: "replica is undefined whenever d is (the line above), so the second check throws as well"
  },
  {
    file: "src/lifecycle/internal/draining.ts",
    mutator: "ConditionalExpression",
    line: "if (pending.length === 0) return",
    original: "pending.length === 0",
    replacement: "false",
    reason: "a shortcut: with no PENDING_MIGRATION replica both loops below have nothing to stop"
  },
  {
    file: "src/lifecycle/internal/status.ts",
    mutator: "ConditionalExpression",
    line: "return dep.outdated === 0 ||",
    original: "dep.outdated === 0",
    replacement: "false",
    reason: "a shortcut: outdated counts the replicas not at the version, so with none every RUNNING replica is at the version and the count below equals the RUNNING count, already equal to the target"
  },
  {
    file: "src/lifecycle/internal/settle.ts",
    mutator: "ConditionalExpression",
    line: "): boolean => draft.global || !draft.base.settled || dirty.has(d) || onNodes.has(d)",
    original: "draft.global || !draft.base.settled || dirty.has(d) || onNodes.has(d)",
    replacement: "true",
    reason: "a shortcut: a deployment not written since it was last looked at, in a settled state, with nothing on a migrating node, has nothing to do (draft.test.ts: looking at every deployment gives the same ticks)"
  },
  {
    file: "src/lifecycle/internal/settle.ts",
    mutator: "ConditionalExpression",
    line: "if (!mayHaveWork(draft, d, dirty, onNodes)) continue",
    original: "!mayHaveWork(draft, d, dirty, onNodes)",
    replacement: "false",
    reason: "a shortcut: a deployment not written since it was last looked at, in a settled state, with nothing on a migrating node, has nothing to do (draft.test.ts: looking at every deployment gives the same ticks)"
  },
  {
    file: "src/lifecycle/internal/settle.ts",
    mutator: "ConditionalExpression",
    line: "if (draft.global || !draft.base.settled || dirty.has(d)) updateStatus(draft, d)",
    original: "draft.global || !draft.base.settled || dirty.has(d)",
    replacement: "true",
    reason: "a shortcut: a deployment not written since a settled pass already has the status and steady time its entry gives, and updateStatus then writes nothing"
  },
  {
    file: "src/lifecycle/internal/settle.ts",
    mutator: "EqualityOperator",
    line: "for (let n = 0; n < MAX_PASSES; n++) {",
    original: "n < MAX_PASSES",
    replacement: "n <= MAX_PASSES",
    reason: "the bound only stops a defect from looping: a tick settles in a handful of passes (settle.test.ts counts them), far below it"
  },
  {
    file: "src/lifecycle/internal/settle.ts",
    mutator: "UpdateOperator",
    line: "for (let n = 0; n < MAX_PASSES; n++) {",
    original: "n++",
    replacement: "n--",
    reason: "the bound only stops a defect from looping: a tick settles in a handful of passes (settle.test.ts counts them), so the loop ends on a pass that changes nothing either way"
  },
  {
    file: "src/lifecycle/internal/seqMap.ts",
    mutator: "ArrayDeclaration",
    line: "const grown = new Array<unknown>(WIDTH)",
    original: "new Array<unknown>(WIDTH)",
    replacement: "new Array()",
    reason: "only the initial length: a slot never written reads undefined either way, and a copy grows when a slot is written"
  },
  // The same look-up of a replica's deployment, in three modules.
  ...["src/lifecycle/internal/compaction.ts", "src/lifecycle/internal/rayChoice.ts", "src/lifecycle/internal/draining.ts"].map((file) => ({
    file,
    mutator: "StringLiteral",
    line: "const d = draft.base.deploymentIndex.get(deploymentOf(id) ?? \"\")",
    original: "\"\"",
    replacement: "\"Stryker was here!\"",
    reason: "unreachable: every replica id the lifecycle makes holds a # (deployment#seq)"
  })),
  {
    file: "src/lifecycle/internal/draining.ts",
    mutator: "ArrayDeclaration",
    line: "for (const id of draft.nodeAt(node)?.replicas ?? []) {",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "a draining node is always a known node (one that leaves stops draining); and an id with no # names no deployment, which is skipped"
  },
  {
    file: "src/lifecycle/internal/draining.ts",
    mutator: "OptionalChaining",
    line: "for (const id of draft.nodeAt(node)?.replicas ?? []) {",
    original: "draft.nodeAt(node)?.replicas",
    replacement: "draft.nodeAt(node).replicas",
    reason: "unreachable: a migrating node is known (one that leaves stops draining, and a Ray compaction whose node left is complete before the pass looks at migrations)"
  },
  {
    file: "src/lifecycle/internal/draining.ts",
    mutator: "ConditionalExpression",
    line: "if (d === undefined) continue",
    original: "d === undefined",
    replacement: "false",
    reason: "unreachable: every replica id the lifecycle makes names one of its deployments, which never go away"
  },
  {
    file: "src/lifecycle/internal/draining.ts",
    mutator: "ArrayDeclaration",
    line: "const list = out.get(d) ?? []",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "the extra id names no replica of the deployment: migrate finds no record for it and skips it, and settle only asks whether the deployment has a list"
  },
  {
    file: "src/lifecycle/internal/draining.ts",
    mutator: "ConditionalExpression",
    line: "(replica.node === null ? undefined : migrating.get(replica.node)) ?? Infinity",
    original: "replica.node === null",
    replacement: "false",
    reason: "the map is keyed by node ids: looking up null gives undefined as well, so the deadline is ∞ either way"
  },
  {
    file: "src/lifecycle/internal/draining.ts",
    mutator: "ConditionalExpression",
    line: "(replica.node !== null && migrating.has(replica.node)) || sources.has(replica.id)",
    original: "replica.node !== null",
    replacement: "true",
    reason: "the map is keyed by node ids: it never has null"
  },
  {
    file: "src/lifecycle/internal/draining.ts",
    mutator: "ConditionalExpression",
    line: "if (replica === undefined) continue",
    original: "replica === undefined",
    replacement: "false",
    reason: "unreachable: every id on a node has its record (a replica arrives on a node with its record and leaves with it)"
  },
  {
    file: "src/lifecycle/internal/draining.ts",
    mutator: "ConditionalExpression",
    line: "else if (state === \"STARTING\" || state === \"UPDATING\") draft.stop(d, replica, state, true)",
    original: "state === \"UPDATING\"",
    replacement: "false",
    reason: "unreachable: the lifecycle has no configuration-only update, so no replica is ever UPDATING (kept as Ray's rule)"
  },
  {
    file: "src/lifecycle/internal/draining.ts",
    mutator: "StringLiteral",
    line: "else if (state === \"STARTING\" || state === \"UPDATING\") draft.stop(d, replica, state, true)",
    original: "\"UPDATING\"",
    replacement: "\"\"",
    reason: "unreachable: the lifecycle has no configuration-only update, so no replica is ever UPDATING (kept as Ray's rule)"
  },
  {
    file: "src/lifecycle/internal/events.ts",
    mutator: "ConditionalExpression",
    line: "if (draft.removed.has(spec.id)) {",
    original: "draft.removed.has(spec.id)",
    replacement: "true",
    reason: "deleting an id the set does not hold gives a set with the same ids: the check only saves the copy"
  },
  {
    file: "src/lifecycle/internal/events.ts",
    mutator: "ConditionalExpression",
    line: "if (names !== draft.resources) {",
    original: "names !== draft.resources",
    replacement: "true",
    reason: "withNames returns the very array when no name is new, and priorityOrder of the same names is the same order: the check only saves the recount"
  },
  {
    file: "src/lifecycle/internal/events.ts",
    mutator: "ConditionalExpression",
    line: "if (draft.draining.has(node)) {",
    original: "draft.draining.has(node)",
    replacement: "true",
    reason: "deleting a node the map does not hold gives the same entries, and setNodes just above already marked the tick changed and global"
  },
  {
    file: "src/lifecycle/internal/events.ts",
    mutator: "ConditionalExpression",
    line: "if (draft.compaction.releasing.has(node)) {",
    original: "draft.compaction.releasing.has(node)",
    replacement: "true",
    reason: "deleting a node the set does not hold gives the same set, and setNodes just above already marked the tick changed and global"
  },
  {
    file: "src/lifecycle/internal/events.ts",
    mutator: "ConditionalExpression",
    line: "if (nextVersion !== dep.version) {",
    original: "nextVersion !== dep.version",
    replacement: "true",
    reason: "outdated always counts the replicas not at the deployment's version (add, drop and this recount keep it so): recounting at the same version gives it again"
  },
  {
    file: "src/lifecycle/internal/events.ts",
    mutator: "StringLiteral",
    line: "draft.setDeployment(d, { ...dep, target, version: nextVersion, outdated, status: \"UPDATING\" })",
    original: "\"UPDATING\"",
    replacement: "\"\"",
    reason: "the first pass recomputes the status of every deployment the events wrote (statusOf); this value only has to differ from UNHEALTHY, which \"\" does too"
  },
  {
    file: "src/lifecycle/internal/problems.ts",
    mutator: "StringLiteral",
    line: "problems.push({ item, problem: messages.join(\" | \") })",
    original: "\" | \"",
    replacement: "\"\"",
    reason: "here every message is \"Expected undefined, actual <the item's value>\": the same text, kept once, so there is nothing to join"
  },
  {
    file: "src/lifecycle/internal/scaling.ts",
    mutator: "StringLiteral",
    line: "const key = replica.node ?? \"\"",
    original: "\"\"",
    replacement: "\"Stryker was here!\"",
    reason: "unreachable: an UPDATING or RUNNING replica has reported its node"
  },
  {
    file: "src/lifecycle/internal/scaling.ts",
    mutator: "UnaryOperator",
    line: "return entry === undefined ? -1 : entry.releasable ? entry.running : Number.MAX_SAFE_INTEGER",
    original: "-1",
    replacement: "+1",
    reason: "unreachable: the node of an UPDATING or RUNNING replica is known (a node that leaves stops its replicas)"
  },
  {
    file: "src/lifecycle/internal/scaling.ts",
    mutator: "ConditionalExpression",
    line: "if (dep.outdated === 0) return",
    original: "dep.outdated === 0",
    replacement: "false",
    reason: "a shortcut: with no replica off the target version the loop below skips every replica and stops nothing"
  },
  {
    file: "src/lifecycle/internal/scaling.ts",
    mutator: "ArithmeticOperator",
    line: "const delta = dep.target - counts.STARTING - counts.UPDATING - counts.RUNNING - counts.RECOVERING",
    original: "dep.target - counts.STARTING - counts.UPDATING - counts.RUNNING - counts.RECOVERING",
    replacement: "dep.target - counts.STARTING - counts.UPDATING - counts.RUNNING + counts.RECOVERING",
    reason: "unreachable: the lifecycle never puts a replica in RECOVERING (there is no controller restart to recover from), so the count is 0"
  },
  {
    file: "src/lifecycle/internal/scaling.ts",
    mutator: "ArithmeticOperator",
    line: "const delta = dep.target - counts.STARTING - counts.UPDATING - counts.RUNNING - counts.RECOVERING",
    original: "dep.target - counts.STARTING - counts.UPDATING",
    replacement: "dep.target - counts.STARTING + counts.UPDATING",
    reason: "unreachable: the lifecycle has no configuration-only update, so no replica is ever UPDATING and the count is 0"
  },
  {
    file: "src/lifecycle/internal/scaling.ts",
    mutator: "ConditionalExpression",
    line: "} else if (delta < 0) {",
    original: "delta < 0",
    replacement: "true",
    reason: "a downscale of 0 replicas stops nothing: the choice returns at once with none chosen"
  },
  {
    file: "src/lifecycle/internal/scaling.ts",
    mutator: "EqualityOperator",
    line: "} else if (delta < 0) {",
    original: "delta < 0",
    replacement: "delta <= 0",
    reason: "a downscale of 0 replicas stops nothing: the choice returns at once with none chosen"
  },
  {
    file: "src/lifecycle/internal/scaling.ts",
    mutator: "ConditionalExpression",
    line: "return entry === undefined ? -1 : entry.releasable ? entry.running : Number.MAX_SAFE_INTEGER",
    original: "entry === undefined",
    replacement: "false",
    reason: "unreachable: the node of an UPDATING or RUNNING replica is known (a node that leaves stops its replicas)"
  },
  {
    file: "src/lifecycle/internal/scaling.ts",
    mutator: "UnaryOperator",
    line: "const position = (node: string): number => draft.nodeIndex.get(node) ?? -1",
    original: "-1",
    replacement: "+1",
    reason: "unreachable: the node of an UPDATING or RUNNING replica is known (a node that leaves stops its replicas)"
  },
  {
    file: "src/lifecycle/internal/scaling.ts",
    mutator: "ArrayDeclaration",
    line: "for (const entry of [...(byNode.get(node) ?? [])].reverse()) {",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "unreachable: the nodes are the map's own keys"
  },
  {
    file: "src/lifecycle/internal/resources.ts",
    mutator: "StringLiteral",
    line: "names.map((_, k) => k).sort(Order.mapInput(byPriority, (k: number) => names[k] ?? \"\"))",
    original: "\"\"",
    replacement: "\"Stryker was here!\"",
    reason: "unreachable: the indices sorted are those of the names"
  },
  {
    file: "src/lifecycle/internal/resources.ts",
    mutator: "EqualityOperator",
    line: "for (let k = 0; k < n; k++) if ((capacity[k] ?? 0) - (used[k] ?? 0) < (need[k] ?? 0)) return false",
    original: "k < n",
    replacement: "k <= n",
    reason: "every vector is over the n resource names, so at index n all three read 0 and 0 − 0 < 0 is false"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ConditionalExpression",
    line: "if (d !== 0) return d < 0",
    original: "d < 0",
    replacement: "true",
    reason: "unreachable: tighter is asked only about two nodes that tie on the first resource (the scan settles every other case itself)"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ConditionalExpression",
    line: "if (d !== 0) return d < 0",
    original: "d < 0",
    replacement: "false",
    reason: "unreachable: tighter is asked only about two nodes that tie on the first resource (the scan settles every other case itself)"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "EqualityOperator",
    line: "if (d !== 0) return d < 0",
    original: "d < 0",
    replacement: "d <= 0",
    reason: "unreachable: tighter is asked only about two nodes that tie on the first resource (the scan settles every other case itself)"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "EqualityOperator",
    line: "if (d !== 0) return d < 0",
    original: "d < 0",
    replacement: "d >= 0",
    reason: "unreachable: tighter is asked only about two nodes that tie on the first resource (the scan settles every other case itself)"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "EqualityOperator",
    line: "if (e !== 0) return e < 0",
    original: "e < 0",
    replacement: "e <= 0",
    reason: "e is not 0 here (checked just before)"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ObjectLiteral",
    line: "last = { d: request.d, i }",
    original: "{ d: request.d, i }",
    replacement: "{}",
    reason: "a shortcut: with no previous node remembered chooseNode is asked, and it answers the same node (the previous replica's best node is still best while it fits)"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ConditionalExpression",
    line: "if (i >= 0) take(draft, board, i, request.d)",
    original: "i >= 0",
    replacement: "true",
    reason: "taking from node -1 writes below the start of the typed array (ignored) and under a negative placement key that no node's look-up uses"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "EqualityOperator",
    line: "for (let j = 1; j < order.length; j++) {",
    original: "j < order.length",
    replacement: "j <= order.length",
    reason: "the extra round reads no resource: NaN is not 0, and NaN < 0 answers false, as the end of the loop does"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "EqualityOperator",
    line: "for (let k = 0; k < resources; k++) if (left[base + k]! < need[k]!) continue scan",
    original: "k < resources",
    replacement: "k <= resources",
    reason: "the extra round compares with need[resources], which is undefined: x < undefined is false, so it never skips"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "EqualityOperator",
    line: "for (let k = 0; k < board.resources; k++) board.left[i * board.resources + k]! -= demand[k] ?? 0",
    original: "k < board.resources",
    replacement: "k <= board.resources",
    reason: "the extra round subtracts demand[resources] ?? 0, which is 0 (the demand is over the resource names)"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "LogicalOperator",
    line: "const first = order[0] ?? 0",
    original: "order[0] ?? 0",
    replacement: "order[0] && 0",
    reason: "tighter is asked only about two nodes that tie on the first resource: comparing another one first, then the rest in order, gives the same answer"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ArrayDeclaration",
    line: "const best = [-1, -1, -1]",
    original: "[-1, -1, -1]",
    replacement: "[]",
    reason: "an unset group reads undefined instead of -1: the final find skips it the same way (undefined >= 0 is false)"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ConditionalExpression",
    line: "const limited = dep.maxReplicasPerNode !== undefined",
    original: "dep.maxReplicasPerNode !== undefined",
    replacement: "true",
    reason: "a shortcut: with no limit fitsOn answers true for a node that has room (checked just before)"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ConditionalExpression",
    line: "if (g === CLOSED) continue",
    original: "g === CLOSED",
    replacement: "false",
    reason: "a CLOSED node is never taken anyway: its group has no best entry, so l0 < undefined and the tie check against no node are both false"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ConditionalExpression",
    line: "if (l0 > bestFirst[g]!) continue",
    original: "l0 > bestFirst[g]!",
    replacement: "false",
    reason: "a shortcut: a node with more left on the first resource is not tighter (the check below compares that resource first)"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ConditionalExpression",
    line: "if (requests.length === 0) return",
    original: "requests.length === 0",
    replacement: "false",
    reason: "a shortcut: with no request nothing is placed or emitted"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ArithmeticOperator",
    line: "compare(order, draft.deployment(b.request.d).demand, draft.deployment(a.request.d).demand) || a.k - b.k",
    original: "a.k - b.k",
    replacement: "a.k + b.k",
    reason: "Array.prototype.sort is stable and only a negative answer reorders: equal requests keep their order either way"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ObjectLiteral",
    line: "let last = { d: -1, i: -1 }",
    original: "{ d: -1, i: -1 }",
    replacement: "{}",
    reason: "the first request finds no previous one either way: no deployment has index -1 or an undefined one, and a last node of -1 or 1 with no deployment is never reused"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ConditionalExpression",
    line: "const i = last.d === request.d && last.i >= 0 && fitsOn(draft, board, last.i, request.d)",
    original: "last.d === request.d && last.i >= 0 && fitsOn(draft, board, last.i, request.d)",
    replacement: "false",
    reason: "a shortcut: without it chooseNode is asked, and it answers the same node (the previous replica's best node is still best while it fits)"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "EqualityOperator",
    line: "const i = last.d === request.d && last.i >= 0 && fitsOn(draft, board, last.i, request.d)",
    original: "last.i >= 0",
    replacement: "last.i > 0",
    reason: "a shortcut: without it chooseNode is asked, and it answers the same node (the previous replica's best node is still best while it fits)"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "UnaryOperator",
    line: "let last = { d: -1, i: -1 }",
    original: "-1",
    replacement: "+1",
    reason: "the first request finds no previous one either way: no deployment has index -1 or an undefined one, and a last node of -1 or 1 with no deployment is never reused"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "EqualityOperator",
    line: "for (let k = 0; k < r; k++) left[i * r + k] = (capacity[k] ?? 0) - (used[k] ?? 0)",
    original: "k < r",
    replacement: "k <= r",
    reason: "the extra write lands on the next node's first entry, which that node's own pass writes right after (or past the end of the array, where a typed array ignores it)"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ConditionalExpression",
    line: "const draining = draft.draining.size > 0 ? draft.draining : undefined",
    original: "draft.draining.size > 0",
    replacement: "true",
    reason: "a shortcut: an empty map or set answers has() with false, as the undefined it stands for does"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "EqualityOperator",
    line: "const draining = draft.draining.size > 0 ? draft.draining : undefined",
    original: "draft.draining.size > 0",
    replacement: "draft.draining.size >= 0",
    reason: "a shortcut: an empty map or set answers has() with false, as the undefined it stands for does"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ConditionalExpression",
    line: "const releasing = draft.compaction.releasing.size > 0 ? draft.compaction.releasing : undefined",
    original: "draft.compaction.releasing.size > 0",
    replacement: "true",
    reason: "a shortcut: an empty map or set answers has() with false, as the undefined it stands for does"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "EqualityOperator",
    line: "const releasing = draft.compaction.releasing.size > 0 ? draft.compaction.releasing : undefined",
    original: "draft.compaction.releasing.size > 0",
    replacement: "draft.compaction.releasing.size >= 0",
    reason: "a shortcut: an empty map or set answers has() with false, as the undefined it stands for does"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ConditionalExpression",
    line: "if (step.wave !== run.wave || step.deployment !== dep.id) continue",
    original: "step.deployment !== dep.id",
    replacement: "false",
    reason: "a step of another deployment names a replica that is not in this deployment's container: the PENDING_MIGRATION check just below skips it"
  },
  {
    file: "src/lifecycle/internal/scheduling.ts",
    mutator: "ConditionalExpression",
    line: "const state = replacement === undefined ? undefined : stateOf(dep.replicas, replacement)",
    original: "replacement === undefined",
    replacement: "false",
    reason: "no replica has the id undefined: the look-up gives undefined as well"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "BlockStatement",
    line: "for (let k = 0; k < n; k++) {",
    original: "{\n      const own = (node.capacity[k] ?? 0) - (node.used[k] ?? 0)\n      if (room[k]! - own < (node.used[k] ?? 0)) return false\n    }",
    replacement: "{}",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (releasing !== draft.compaction.releasing) draft.setCompaction({ ...draft.compaction, releasing })",
    original: "releasing !== draft.compaction.releasing",
    replacement: "false",
    reason: "a released node left among those waiting is skipped by every reader of the set, which also skips released nodes (a removal takes it out)"
  },
  {
    file: "src/lifecycle/make.ts",
    mutator: "ArrayDeclaration",
    line: "let names: ReadonlyArray<string> = []",
    original: "[]",
    replacement: "[\"Stryker was here\"]",
    reason: "one more resource that every node and deployment holds 0 of: it changes no fit, no best-fit comparison (it ties), and toRecord drops zeros"
  },
  {
    file: "src/lifecycle/make.ts",
    mutator: "UnaryOperator",
    line: "compaction: { active: undefined, failures: 0, nextAllowed: 0, releasing: new Set(), searchedAt: -1, searchedMovable: \"\" },",
    original: "-1",
    replacement: "+1",
    reason: "a Ray search at layout 1 finds nothing anyway (a running replica takes two layout changes: placed, started), and a planner search also compares the key, never the initial \"\""
  },
  {
    file: "src/lifecycle/make.ts",
    mutator: "StringLiteral",
    line: "compaction: { active: undefined, failures: 0, nextAllowed: 0, releasing: new Set(), searchedAt: -1, searchedMovable: \"\" },",
    original: "\"\"",
    replacement: "\"Stryker was here!\"",
    reason: "searchedAt starts at -1, which no layout equals (it starts at 0 and only grows), so the initial key is never compared"
  },
  {
    file: "src/lifecycle/tick.ts",
    mutator: "ConditionalExpression",
    line: "if (draft.actions.length === 0 && now === data.now && data.settled && draft.nodes === data.nodes &&",
    original: "draft.actions.length === 0",
    replacement: "true",
    reason: "every action comes with a write the other checks see: startReplica and stopReplica change the deployments, releaseNode the nodes"
  },
  {
    file: "src/lifecycle/tick.ts",
    mutator: "ConditionalExpression",
    line: "draft.deployments === data.deployments && draft.compaction === data.compaction && draft.draining === data.draining &&",
    original: "draft.compaction === data.compaction",
    replacement: "true",
    reason: "the state was settled at this same now, so its compaction changes only after an event changed the nodes, deployments or draining map, which the other checks see"
  },
  {
    file: "src/lifecycle/tick.ts",
    mutator: "ConditionalExpression",
    line: "draft.quietSince === data.quietSince)",
    original: "draft.quietSince === data.quietSince",
    replacement: "true",
    reason: "quietSince follows the statuses and the draining map: with the deployments and the draining map unchanged it cannot change"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "draft.compaction.searchedAt !== draft.layout &&",
    original: "draft.compaction.searchedAt !== draft.layout",
    replacement: "true",
    reason: "a search over a layout that has not changed since one found nothing finds nothing again: the check only saves the search"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "draft.deployments.every((dep) => dep.status === \"HEALTHY\" && Container.size(dep.replicas) === dep.target)",
    original: "Container.size(dep.replicas) === dep.target",
    replacement: "true",
    reason: "HEALTHY already means exactly the target running and nothing starting or stopping; the only others, PENDING_MIGRATION, exist only while a node drains (the cluster is not quiet) or a compaction runs (none may start)"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "BooleanLiteral",
    line: "if (Either.isLeft(validated)) return false",
    original: "false",
    replacement: "true",
    reason: "unreachable: the lifecycle's own state always makes a valid snapshot"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "...(dep.maxReplicasPerNode === undefined ? {} : { maxReplicasPerNode: dep.maxReplicasPerNode })",
    original: "dep.maxReplicasPerNode === undefined",
    replacement: "false",
    reason: "the snapshot's decoder reads a limit set to undefined as no limit, as it reads an absent one"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "r.node === null || !open.has(r.node) ? [] : [{",
    original: "r.node === null",
    replacement: "false",
    reason: "a replica with no node is on no open node either: the next test leaves it out the same"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "movable: movable.has(d) && Container.stateOf(dep.replicas, r.id) === \"RUNNING\"",
    original: "Container.stateOf(dep.replicas, r.id) === \"RUNNING\"",
    replacement: "true",
    reason: "a movable deployment is steady (HEALTHY at its target), so every replica of it runs"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ArrayDeclaration",
    line: "const room = new Array<number>(n).fill(0)",
    original: "new Array<number>(n)",
    replacement: "new Array()",
    reason: "mayRelease only spares hopeless searches: without room it lets every search go ahead, and the planner finds what it would have"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "MethodExpression",
    line: "const open = draft.nodes.filter((node) => !node.released && !draft.compaction.releasing.has(node.id))",
    original: "draft.nodes.filter((node) => !node.released && !draft.compaction.releasing.has(node.id))",
    replacement: "draft.nodes",
    reason: "mayRelease only spares hopeless searches: counting more nodes lets more searches go ahead, and the planner (on open nodes only) finds what it would have"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "const open = draft.nodes.filter((node) => !node.released && !draft.compaction.releasing.has(node.id))",
    original: "!node.released && !draft.compaction.releasing.has(node.id)",
    replacement: "true",
    reason: "mayRelease only spares hopeless searches: counting more nodes lets more searches go ahead, and the planner (on open nodes only) finds what it would have"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "LogicalOperator",
    line: "const open = draft.nodes.filter((node) => !node.released && !draft.compaction.releasing.has(node.id))",
    original: "!node.released && !draft.compaction.releasing.has(node.id)",
    replacement: "!node.released || !draft.compaction.releasing.has(node.id)",
    reason: "mayRelease only spares hopeless searches: counting more nodes lets more searches go ahead, and the planner (on open nodes only) finds what it would have"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (draft.draining.has(node.id)) continue",
    original: "draft.draining.has(node.id)",
    replacement: "false",
    reason: "mayRelease only spares hopeless searches: counting a draining node's room lets more searches go ahead, and the planner (which moves nothing onto it) finds what it would have"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "EqualityOperator",
    line: "for (let k = 0; k < n; k++) room[k]! += (node.capacity[k] ?? 0) - (node.used[k] ?? 0)",
    original: "k < n",
    replacement: "k <= n",
    reason: "one more entry past the last resource, which nothing reads"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ArithmeticOperator",
    line: "for (let k = 0; k < n; k++) room[k]! += (node.capacity[k] ?? 0) - (node.used[k] ?? 0)",
    original: "(node.capacity[k] ?? 0) - (node.used[k] ?? 0)",
    replacement: "(node.capacity[k] ?? 0) + (node.used[k] ?? 0)",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "LogicalOperator",
    line: "for (let k = 0; k < n; k++) room[k]! += (node.capacity[k] ?? 0) - (node.used[k] ?? 0)",
    original: "node.used[k] ?? 0",
    replacement: "node.used[k] && 0",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "LogicalOperator",
    line: "if (!node.releasable || node.held === 0 || draft.draining.has(node.id)) return false",
    original: "!node.releasable || node.held === 0 || draft.draining.has(node.id)",
    replacement: "(!node.releasable || node.held === 0) && draft.draining.has(node.id)",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (!node.releasable || node.held === 0 || draft.draining.has(node.id)) return false",
    original: "!node.releasable || node.held === 0 || draft.draining.has(node.id)",
    replacement: "false",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (!node.releasable || node.held === 0 || draft.draining.has(node.id)) return false",
    original: "!node.releasable || node.held === 0",
    replacement: "false",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "LogicalOperator",
    line: "if (!node.releasable || node.held === 0 || draft.draining.has(node.id)) return false",
    original: "!node.releasable || node.held === 0",
    replacement: "!node.releasable && node.held === 0",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (!node.releasable || node.held === 0 || draft.draining.has(node.id)) return false",
    original: "node.held === 0",
    replacement: "false",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "BooleanLiteral",
    line: "if (!node.releasable || node.held === 0 || draft.draining.has(node.id)) return false",
    original: "false",
    replacement: "true",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "MethodExpression",
    line: "const allMovable = node.replicas.every((id) => {",
    original: "node.replicas.every((id) => {\n      const d = draft.base.deploymentIndex.get(deploymentOf(id) ?? \"\")\n      return d !== undefined && movable.has(d) && Container.stateOf(draft.deployment(d).replicas, id) === \"RUNNING\"\n    })",
    replacement: "node.replicas.some(id => {\n  const d = draft.base.deploymentIndex.get(deploymentOf(id) ?? \"\");\n  return d !== undefined && movable.has(d) && Container.stateOf(draft.deployment(d).replicas, id) === \"RUNNING\";\n})",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "return d !== undefined && movable.has(d) && Container.stateOf(draft.deployment(d).replicas, id) === \"RUNNING\"",
    original: "d !== undefined && movable.has(d) && Container.stateOf(draft.deployment(d).replicas, id) === \"RUNNING\"",
    replacement: "true",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "LogicalOperator",
    line: "return d !== undefined && movable.has(d) && Container.stateOf(draft.deployment(d).replicas, id) === \"RUNNING\"",
    original: "d !== undefined && movable.has(d) && Container.stateOf(draft.deployment(d).replicas, id) === \"RUNNING\"",
    replacement: "d !== undefined && movable.has(d) || Container.stateOf(draft.deployment(d).replicas, id) === \"RUNNING\"",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "return d !== undefined && movable.has(d) && Container.stateOf(draft.deployment(d).replicas, id) === \"RUNNING\"",
    original: "d !== undefined && movable.has(d)",
    replacement: "true",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "LogicalOperator",
    line: "return d !== undefined && movable.has(d) && Container.stateOf(draft.deployment(d).replicas, id) === \"RUNNING\"",
    original: "d !== undefined && movable.has(d)",
    replacement: "d !== undefined || movable.has(d)",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "return d !== undefined && movable.has(d) && Container.stateOf(draft.deployment(d).replicas, id) === \"RUNNING\"",
    original: "d !== undefined",
    replacement: "true",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "return d !== undefined && movable.has(d) && Container.stateOf(draft.deployment(d).replicas, id) === \"RUNNING\"",
    original: "Container.stateOf(draft.deployment(d).replicas, id) === \"RUNNING\"",
    replacement: "true",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (!allMovable) return false",
    original: "!allMovable",
    replacement: "false",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "BooleanLiteral",
    line: "if (!allMovable) return false",
    original: "false",
    replacement: "true",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "for (let k = 0; k < n; k++) {",
    original: "k < n",
    replacement: "false",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "EqualityOperator",
    line: "for (let k = 0; k < n; k++) {",
    original: "k < n",
    replacement: "k <= n",
    reason: "one more round past the last resource reads no room and refuses nothing"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "EqualityOperator",
    line: "for (let k = 0; k < n; k++) {",
    original: "k < n",
    replacement: "k >= n",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "LogicalOperator",
    line: "const own = (node.capacity[k] ?? 0) - (node.used[k] ?? 0)",
    original: "node.capacity[k] ?? 0",
    replacement: "node.capacity[k] && 0",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (room[k]! - own < (node.used[k] ?? 0)) return false",
    original: "room[k]! - own < (node.used[k] ?? 0)",
    replacement: "false",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ArithmeticOperator",
    line: "if (room[k]! - own < (node.used[k] ?? 0)) return false",
    original: "room[k]! - own",
    replacement: "room[k]! + own",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "LogicalOperator",
    line: "if (room[k]! - own < (node.used[k] ?? 0)) return false",
    original: "node.used[k] ?? 0",
    replacement: "node.used[k] && 0",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "BooleanLiteral",
    line: "if (room[k]! - own < (node.used[k] ?? 0)) return false",
    original: "false",
    replacement: "true",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (!mayRelease(draft, movable)) return false",
    original: "!mayRelease(draft, movable)",
    replacement: "false",
    reason: "mayRelease only spares hopeless searches (its test is necessary): letting more searches go ahead changes no plan, only the cost"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "BooleanLiteral",
    line: "if (!mayRelease(draft, movable)) return false",
    original: "false",
    replacement: "true",
    reason: "a failed search is remembered only to skip an identical one: starting or not, what it answers changes no plan, only how often the planner runs"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "BooleanLiteral",
    line: "if (plan.released.length === 0) return false",
    original: "false",
    replacement: "true",
    reason: "a failed search is remembered only to skip an identical one: starting or not, what it answers changes no plan, only how often the planner runs"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "BooleanLiteral",
    line: "return true",
    original: "true",
    replacement: "false",
    reason: "a failed search is remembered only to skip an identical one: starting or not, what it answers changes no plan, only how often the planner runs"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "BooleanLiteral",
    line: "if (node === undefined) return false",
    original: "false",
    replacement: "true",
    reason: "a failed search is remembered only to skip an identical one: starting or not, what it answers changes no plan, only how often the planner runs"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "BooleanLiteral",
    line: "if (rayAllowed(draft) && !startRay(draft)) draft.setCompaction({ ...draft.compaction, searchedAt: draft.layout })",
    original: "!startRay(draft)",
    replacement: "startRay(draft)",
    reason: "a failed search is remembered only to skip an identical one: starting or not, what it answers changes no plan, only how often the planner runs"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (movable.size === 0) return",
    original: "movable.size === 0",
    replacement: "false",
    reason: "a shortcut: with nothing movable the search below finds nothing (and is remembered as such)"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "BooleanLiteral",
    line: "if (!startPlanner(draft, movable)) draft.setCompaction({ ...draft.compaction, searchedAt: draft.layout, searchedMovable: key })",
    original: "!startPlanner(draft, movable)",
    replacement: "startPlanner(draft, movable)",
    reason: "a failed search is remembered only to skip an identical one: starting or not, what it answers changes no plan, only how often the planner runs"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (releasing.has(id)) {",
    original: "releasing.has(id)",
    replacement: "true",
    reason: "deleting an id the set does not hold leaves the same members (the tick has just released a node, so it changed anyway)"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "ConditionalExpression",
    line: "if (releasing.has(id)) {",
    original: "releasing.has(id)",
    replacement: "false",
    reason: "a released node left among those waiting is skipped by every reader of the set, which also skips released nodes"
  },
  {
    file: "src/lifecycle/internal/compaction.ts",
    mutator: "BlockStatement",
    line: "if (releasing.has(id)) {",
    original: "{\n      const copy = new Set(releasing)\n      copy.delete(id)\n      releasing = copy\n    }",
    replacement: "{}",
    reason: "a released node left among those waiting is skipped by every reader of the set, which also skips released nodes"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "ConditionalExpression",
    line: "if (neverStarted.has(replica.id)) {",
    original: "neverStarted.has(replica.id)",
    replacement: "true",
    reason: "deleting an id the set does not hold leaves the same members, and the deployment is written anyway"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "BooleanLiteral",
    line: "this.nodesOwned = false",
    original: "false",
    replacement: "true",
    reason: "setNodes is always given a fresh array, so writing into it in place changes no earlier state"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "BooleanLiteral",
    line: "this.global = this.changed = true",
    original: "true",
    replacement: "false",
    reason: "setDraining and setNodes run only while the events are applied: settle clears changed before its first pass, and every deployment a drain or a node change concerns is looked at anyway (replicas on a draining node in every pass, migrating ones when the tick began, a removed node's replicas by their write); draft.test.ts replays every tick looking at every deployment and gets the same"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "BooleanLiteral",
    line: "global = false",
    original: "false",
    replacement: "true",
    reason: "looking at every deployment in every pass only costs time: one the passes skip has had no input change since it was last looked at (draft.test.ts replays every tick that way and gets the same state and actions)"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "ConditionalExpression",
    line: "const isRunning = (s: ReplicaState): boolean => s === \"RUNNING\" || s === \"UPDATING\" || s === \"PENDING_MIGRATION\"",
    original: "s === \"UPDATING\"",
    replacement: "false",
    reason: "the lifecycle never puts a replica in UPDATING (it has no in-place update), so no replica it counts is UPDATING"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "StringLiteral",
    line: "const isRunning = (s: ReplicaState): boolean => s === \"RUNNING\" || s === \"UPDATING\" || s === \"PENDING_MIGRATION\"",
    original: "\"UPDATING\"",
    replacement: "\"\"",
    reason: "the lifecycle never puts a replica in UPDATING (it has no in-place update), so no replica it counts is UPDATING"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "ConditionalExpression",
    line: "return i === undefined ? undefined : this.nodes[i]",
    original: "i === undefined",
    replacement: "false",
    reason: "an array indexed by undefined gives undefined: the test only says so"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "ConditionalExpression",
    line: "if (!this.nodesOwned) {",
    original: "!this.nodesOwned",
    replacement: "true",
    reason: "copying the array at every write instead of once per tick gives the same entries, and no earlier state shares the copy either way"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "BooleanLiteral",
    line: "this.nodesOwned = true",
    original: "true",
    replacement: "false",
    reason: "copying the array at every write instead of once per tick gives the same entries, and no earlier state shares the copy either way"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "ConditionalExpression",
    line: "if (!this.deploymentsOwned) {",
    original: "!this.deploymentsOwned",
    replacement: "true",
    reason: "copying the array at every write instead of once per tick gives the same entries, and no earlier state shares the copy either way"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "BooleanLiteral",
    line: "this.deploymentsOwned = true",
    original: "true",
    replacement: "false",
    reason: "copying the array at every write instead of once per tick gives the same entries, and no earlier state shares the copy either way"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "ConditionalExpression",
    line: "if (this.deployment(d).maxReplicasPerNode === undefined || delta === 0) return node.perDeployment",
    original: "delta === 0",
    replacement: "false",
    reason: "a shortcut: with no change the count written is the one read (every reader takes a missing count as 0), so it only saves a copy"
  },
  {
    file: "src/lifecycle/internal/draft.ts",
    mutator: "ConditionalExpression",
    line: "if (live === 0 && running === 0) return",
    original: "live === 0 && running === 0",
    replacement: "false",
    reason: "a shortcut: a state change that moves neither count would rewrite the node with the same fields, and the transition has already marked the pass changed by writing its deployment"
  }
]
