/**
 * Moves a target placement's contents onto the nodes that already hold most
 * of them. Two nodes alike in capacity, cost and in taking replicas in are
 * interchangeable in a target: each target node's contents may go to any
 * node of its class. So each goes to the node of its class that holds most of
 * them at the origin (greedily, the largest overlaps first, ties to the lower
 * target node, then the lower node); then, within a
 * deployment, replicas are interchangeable too, so a replica whose origin
 * node receives a replica of its deployment stays there instead. The node
 * count, every node's load and every per-node count are unchanged; fewer
 * replicas move, and fewer moves block each other.
 *
 * Only nodes that hold replicas at the origin, are releasable, take replicas
 * in and hold no unmovable replica are swapped.
 *
 * The `hosts` way first gives each target node's contents a host: a node all
 * of whose replicas belong to those contents, so that nothing leaves it and
 * its arrivals wait for no other move (an exactly full target node fed by a
 * node that is itself waiting to be emptied is how a make-before-break order
 * deadlocks); the most replicas kept first, then overlaps as above.
 */
import { anchoredNodes, usedNodes } from "./bounds.js"
import { capacityOf, deploymentOf, type Instance, migrationCostOf, nodeCount, resourceCount } from "./instance.js"

/** A capacity class among nodes that take replicas in: nodes alike in capacity and cost. */
const classOf = (instance: Instance, n: number): string => {
  const R = resourceCount(instance)
  const parts: Array<number> = [instance.cost[n] ?? 0]
  for (let k = 0; k < R; k++) parts.push(capacityOf(instance, n, k))
  return parts.join("/")
}

/** How a target's nodes are matched to nodes: by the largest overlaps, or hosts first (see above). */
export type RemapWay = "overlap" | "hosts"

/** The target with its nodes' contents swapped within classes, then within deployments, to stay where they are (a new array); by overlaps unless `way` is "hosts". */
export const remap = (instance: Instance, origin: Int32Array, target: Int32Array, way?: RemapWay): Int32Array => {
  const N = nodeCount(instance)
  const used = usedNodes(instance, origin)
  const anchored = anchoredNodes(instance, origin)
  const classes = new Map<string, Array<number>>()
  for (let n = 0; n < N; n++) {
    if (used[n] !== 1 || anchored[n] === 1 || instance.accepts[n] !== 1) continue
    const key = classOf(instance, n)
    const list = classes.get(key) ?? []
    list.push(n)
    classes.set(key, list)
  }
  const classIndex = new Int32Array(N).fill(-1)
  let c = 0
  for (const nodes of classes.values()) {
    for (const n of nodes) classIndex[n] = c
    c++
  }
  // Overlap of (target node b, origin node n) in the same class, weighted by the migration cost saved.
  const overlap = new Map<number, number>()
  const occupied = new Uint8Array(N)
  target.forEach((b, r) => {
    occupied[b] = 1
    const n = origin[r] ?? 0
    if (classIndex[b] !== -1 && classIndex[b] === classIndex[n]) {
      overlap.set(b * N + n, (overlap.get(b * N + n) ?? 0) + 1 + migrationCostOf(instance, deploymentOf(instance, r)))
    }
  })
  const to = new Int32Array(N).fill(-1)
  const taken = new Uint8Array(N)
  if (way === "hosts") {
    // The one target node that all of a node's replicas go to (-2: several), and the overlap it would keep.
    const only = new Int32Array(N).fill(-1)
    target.forEach((b, r) => {
      const n = origin[r] ?? 0
      only[n] = only[n] === -1 || only[n] === b ? b : -2
    })
    const hosts = [...overlap.entries()].filter(([key]) => only[key % N] === Math.floor(key / N))
    for (const [key] of hosts.sort((x, y) => y[1] - x[1] || x[0] - y[0])) {
      const b = Math.floor(key / N)
      const n = key % N
      // A node hosts one target node at most (`only`), so it is never taken yet.
      if (to[b] === -1) (to[b] = n), (taken[n] = 1)
    }
  }
  const pairs = [...overlap.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])
  for (const [key] of pairs) {
    const b = Math.floor(key / N)
    const n = key % N
    if (to[b] === -1 && taken[n] === 0) (to[b] = n), (taken[n] = 1)
  }
  for (const nodes of classes.values()) {
    for (const b of nodes) if (to[b] === -1 && occupied[b] === 1 && taken[b] === 0) (to[b] = b), (taken[b] = 1)
    const open = nodes.filter((n) => taken[n] === 0)
    let next = 0
    for (const b of nodes) {
      if (to[b] !== -1 || occupied[b] === 0) continue
      // There are at least as many nodes in the class as occupied ones, so one is left.
      to[b] = open[next++] ?? b
    }
  }
  const result = Int32Array.from(target, (b) => (to[b] === -1 ? b : to[b] ?? b))
  keepInPlace(instance, origin, result)
  return result
}

/**
 * Within each deployment, a replica whose origin node receives one of its
 * deployment takes that place; the others take the places left, in node order
 * (in place, on `target`).
 */
const keepInPlace = (instance: Instance, origin: Int32Array, target: Int32Array): void => {
  const byDeployment = new Map<number, Array<number>>()
  target.forEach((n, r) => {
    if (n === origin[r]) return
    const d = deploymentOf(instance, r)
    const list = byDeployment.get(d) ?? []
    list.push(r)
    byDeployment.set(d, list)
  })
  for (const moving of byDeployment.values()) {
    const slots = new Map<number, number>()
    for (const r of moving) slots.set(target[r] ?? 0, (slots.get(target[r] ?? 0) ?? 0) + 1)
    const rest: Array<number> = []
    for (const r of moving) {
      const home = origin[r] ?? 0
      const free = slots.get(home) ?? 0
      if (free > 0) (target[r] = home), slots.set(home, free - 1)
      else rest.push(r)
    }
    const places = [...slots.entries()].sort((a, b) => a[0] - b[0]).flatMap(([n, count]) => new Array<number>(count).fill(n))
    rest.forEach((r, i) => (target[r] = places[i] ?? 0))
  }
}
