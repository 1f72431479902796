/**
 * The node autoscaler and the nodes the world holds: node types with their
 * cost, launches for replicas that fit nowhere (packed onto launching nodes
 * first, then a new node of the cheapest type they fit on), what each node
 * holds (as the lifecycle counts it: from placement, or from `replicaStarted`
 * for a replica placed nowhere, until `replicaStopped`), and the idle timer
 * that gives a node back.
 */

/** An amount of each resource (milli-CPU, MiB, GPUs). */
export type Resources = Readonly<Record<string, number>>

/** A kind of machine the cloud offers. */
export interface NodeType {
  readonly name: string
  readonly capacity: Resources
  /** Price per hour, in dollars. */
  readonly costPerHour: number
  /** From the launch request to the node joining the cluster, in ms. */
  readonly launchMs: number
}

/** One node of the world, from its launch request until it leaves. */
export interface SimNode {
  readonly id: string
  readonly type: NodeType
  readonly launchedAt: number
  /** Joined the cluster (`nodeAdded` sent). */
  ready: boolean
  /** What the replicas holding it use. */
  readonly used: Record<string, number>
  /** Replicas holding it. */
  readonly holders: Set<string>
  /** Replicas placed nowhere, waiting for this node to come up on it. */
  readonly bound: Map<string, Resources>
  draining: boolean
  /** Named by a `releaseNode`: leaves at the next step. */
  released: boolean
  idleSince: number | null
}

const fitsBeside = (capacity: Resources, used: Readonly<Record<string, number>>, extra: Resources, demand: Resources) =>
  Object.entries(demand).every(([k, v]) => (used[k] ?? 0) + (extra[k] ?? 0) + v <= (capacity[k] ?? 0))

const sum = (list: Iterable<Resources>): Record<string, number> => {
  const total: Record<string, number> = {}
  for (const r of list) for (const [k, v] of Object.entries(r)) total[k] = (total[k] ?? 0) + v
  return total
}

/** Whether `demand` fits on the node beside what holds it and what is bound to it. */
export const fits = (n: SimNode, demand: Resources): boolean => fitsBeside(n.type.capacity, n.used, sum(n.bound.values()), demand)

/** The cheapest type on which `demand` fits, if any. */
export const fittingType = (types: ReadonlyArray<NodeType>, demand: Resources): NodeType | undefined =>
  [...types].sort((a, b) => a.costPerHour - b.costPerHour).find((t) => fitsBeside(t.capacity, {}, {}, demand))

/** The world's nodes. */
export class NodePool {
  readonly nodes = new Map<string, SimNode>()
  private launched = 0

  constructor(readonly types: ReadonlyArray<NodeType>) {}

  /** Nodes billed now: launching or present. */
  get count(): number {
    return this.nodes.size
  }

  /**
   * Finds room for a replica placed nowhere: a launching node it fits on
   * beside the replicas already bound there, else a new node of the cheapest
   * type it fits on. Answers the node, and whether it was just launched; none
   * when no type fits.
   */
  bind(replica: string, demand: Resources, now: number): { node: SimNode; launched: boolean } | undefined {
    for (const n of this.nodes.values()) {
      if (!n.ready && fits(n, demand)) {
        n.bound.set(replica, demand)
        return { node: n, launched: false }
      }
    }
    const type = fittingType(this.types, demand)
    if (type === undefined) return undefined
    const node: SimNode = {
      id: `${type.name}-${this.launched++}`,
      type,
      launchedAt: now,
      ready: false,
      used: {},
      holders: new Set(),
      bound: new Map([[replica, demand]]),
      draining: false,
      released: false,
      idleSince: null
    }
    this.nodes.set(node.id, node)
    return { node, launched: true }
  }

  /** Forgets a replica bound to a node (it came up elsewhere or was stopped first). */
  unbind(replica: string, node: string): void {
    this.nodes.get(node)?.bound.delete(replica)
  }

  /** A replica holds the node from now on. */
  hold(node: string, replica: string, demand: Resources): void {
    const n = this.nodes.get(node)
    if (n === undefined) return
    n.holders.add(replica)
    for (const [k, v] of Object.entries(demand)) n.used[k] = (n.used[k] ?? 0) + v
    n.idleSince = null
  }

  /** A replica no longer holds the node. */
  free(node: string, replica: string, demand: Resources, now: number): void {
    const n = this.nodes.get(node)
    if (n === undefined || !n.holders.delete(replica)) return
    for (const [k, v] of Object.entries(demand)) n.used[k] = (n.used[k] ?? 0) - v
    if (n.holders.size === 0) n.idleSince = now
  }

  /** A node open to a replica placed nowhere: present, not draining nor released, with room. */
  openFor(demand: Resources): SimNode | undefined {
    for (const n of this.nodes.values()) if (n.ready && !n.draining && !n.released && fits(n, demand)) return n
    return undefined
  }

  /**
   * The nodes to give back now: released ones, and ready ones that held
   * nothing (and had nothing bound) for `idleTimeoutMs`; an empty node whose
   * idle timer has not started starts it now. They leave the pool.
   */
  takeLeaving(now: number, idleTimeoutMs: number): Array<SimNode> {
    const leaving: Array<SimNode> = []
    for (const n of this.nodes.values()) {
      if (!n.ready || n.holders.size > 0 || n.bound.size > 0) continue
      if (n.idleSince === null) n.idleSince = now // emptied without a hold ending (its bound replicas left)
      if (n.released || (!n.draining && now - n.idleSince >= idleTimeoutMs)) leaving.push(n)
    }
    for (const n of leaving) this.nodes.delete(n.id)
    return leaving
  }

  /** Removes a node (the cloud took it). */
  remove(node: string): SimNode | undefined {
    const n = this.nodes.get(node)
    this.nodes.delete(node)
    return n
  }
}
