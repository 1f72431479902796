/**
 * The draft's bookkeeping, checked against a recount: random worlds (the
 * lifecycle's own harness, with a `maxReplicasPerNode` on one deployment) are
 * driven tick by tick, and after every tick the accounting the state keeps
 * (each node's used/held/live/running/replicas/perDeployment, each
 * deployment's outdated and neverStarted, the layout stamp) is compared with
 * one recounted from the deployments' replicas and the events so far. Each
 * tick is also replayed on drafts: settling again finds nothing (the passes
 * stop only at a fixed point), and looking at every deployment in every pass
 * gives the same state and actions (skipping the others only saves time).
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Container, Lifecycle } from "../../../../src/index.js"
import type { Action } from "../../../../src/lifecycle/Action.js"
import { Draft } from "../../../../src/lifecycle/internal/draft.js"
import { applyEvents } from "../../../../src/lifecycle/internal/events.js"
import { settle as settlePasses } from "../../../../src/lifecycle/internal/settle.js"
import * as SeqMap from "../../../../src/lifecycle/internal/seqMap.js"
import { seqOf, type StateData, unwrap } from "../../../../src/lifecycle/internal/state.js"
import {
  type CompactionMode,
  initialWorld,
  LIFECYCLE_MODES,
  settle,
  SETTLE_STEP_MS,
  SETTLE_TICKS,
  showWorldAction,
  type World,
  worldAction,
  type WorldSetup,
  worldSetup,
  worldStep
} from "../../../../spec/lifecycle/index.js"
import { propertyParameters, scale } from "../../../../properties/support/settings.js"
import { running } from "../support.js"

type ReplicaState = Container.ReplicaState

/** Runs per compaction mode in CI: a few seconds for the three modes together. */
const CI_RUNS = 50
const MAX_COMMANDS = 40
/** A shorter settling phase than the model-based test's: long enough for compactions to start, end and release nodes. */
const MAX_SETTLE_TICKS = Math.min(SETTLE_TICKS, 30)

/** What runs on a node, as the state documents it. */
const RUNS_ON_NODE: ReadonlyArray<ReplicaState> = ["RUNNING", "UPDATING", "PENDING_MIGRATION"]

interface Row {
  readonly id: string
  readonly state: ReplicaState
  readonly version: string
  readonly node: string | null
}

/** A deployment's replicas in the container's order, state by state. */
const rowsOf = (data: StateData, d: number): ReadonlyArray<Row> => {
  const dep = data.deployments[d]!
  return Container.ALL_REPLICA_STATES.flatMap((state) =>
    Container.get(dep.replicas, { states: [state] }).map((r) => ({ id: r.id, state, version: r.version, node: r.node }))
  )
}

/** What the layout stamp stands for: the node list and every replica's state, node and place in its state's order. */
const layoutOf = (data: StateData): string =>
  JSON.stringify([data.nodes.map((n) => n.id), data.deployments.map((_, d) => rowsOf(data, d))])

interface NodeCount {
  used: Array<number>
  held: number
  live: number
  running: number
  replicas: Array<string>
  perDeployment: Array<[number, number]>
}

/** Each node's accounting, recounted from the replicas. */
const recountNodes = (data: StateData): ReadonlyMap<string, NodeCount> => {
  const out = new Map<string, NodeCount>()
  for (const n of data.nodes) {
    out.set(n.id, {
      used: data.resources.map(() => 0),
      held: 0,
      live: 0,
      running: 0,
      replicas: [],
      perDeployment: data.deployments.flatMap((dep, d): Array<[number, number]> => dep.maxReplicasPerNode === undefined ? [] : [[d, 0]])
    })
  }
  data.deployments.forEach((dep, d) => {
    for (const row of rowsOf(data, d)) {
      if (row.node === null) continue
      const count = out.get(row.node)
      expect(count, `${row.id} holds ${row.node}, which is not in the node list`).toBeDefined()
      if (count === undefined) continue
      data.resources.forEach((_, k) => (count.used[k]! += dep.demand[k] ?? 0))
      count.held++
      if (row.state !== "STOPPING") count.live++
      if (RUNS_ON_NODE.includes(row.state)) count.running++
      count.replicas.push(row.id)
      const limited = count.perDeployment.find(([x]) => x === d)
      if (limited !== undefined && row.state !== "STOPPING") limited[1]++
    }
  })
  for (const count of out.values()) count.replicas.sort()
  return out
}

/** A node's accounting as stored; a count kept at 0 reads as no count. */
const storedNode = (data: StateData, i: number): NodeCount => {
  const n = data.nodes[i]!
  const perDeployment = [...n.perDeployment].sort(([a], [b]) => a - b)
  return {
    used: data.resources.map((_, k) => n.used[k] ?? 0),
    held: n.held,
    live: n.live,
    running: n.running,
    replicas: [...n.replicas].sort(),
    perDeployment: data.deployments.flatMap((dep, d): Array<[number, number]> => {
      const kept = perDeployment.find(([x]) => x === d)
      if (dep.maxReplicasPerNode === undefined) return kept === undefined ? [] : [kept]
      return [[d, kept?.[1] ?? 0]]
    })
  }
}

/** The checks over one run: the ids that reported `replicaStarted`, the stamps seen, and how often each case occurred. */
class Run {
  readonly started = new Set<string>()
  /** Each layout stamp and the layout it stood for. */
  readonly stamps = new Map<number, string>()
  constructor(readonly cases: Map<string, number>) {}

  private seen(feature: string): void {
    this.cases.set(feature, (this.cases.get(feature) ?? 0) + 1)
  }

  /** STOPPING replicas that never reported `replicaStarted`. */
  neverStarted(data: StateData, d: number): Array<string> {
    return rowsOf(data, d).filter((r) => r.state === "STOPPING" && !this.started.has(r.id)).map((r) => r.id).sort()
  }

  check(w: World): void {
    const { after, before, events } = w.observation
    const a = unwrap(after)
    const b = unwrap(before)
    for (const e of events) if (e.type === "replicaStarted") this.started.add(e.replica)

    const recount = recountNodes(a)
    a.nodes.forEach((n, i) => expect(storedNode(a, i), `node ${n.id}`).toEqual(recount.get(n.id)))

    a.deployments.forEach((dep, d) => {
      const rows = rowsOf(a, d)
      const was = new Map(rowsOf(b, d).map((r) => [r.id, r]))
      expect(dep.outdated, `${dep.id}.outdated`).toBe(rows.filter((r) => r.version !== dep.version).length)
      expect([...dep.neverStarted].sort(), `${dep.id}.neverStarted`).toEqual(this.neverStarted(a, d))
      // The cases the checks above must meet, counted so that the test cannot pass vacuously.
      const now = new Map(rows.map((r) => [r.id, r]))
      for (const [id, r] of was) {
        const next = now.get(id)
        if (next === undefined && r.version !== dep.version) this.seen("outdated replica exits")
        if (next === undefined && r.version === dep.version) this.seen("current replica exits")
        if (next === undefined && this.neverStarted(b, d).includes(id)) this.seen("never-started replica exits")
        if (next?.state === "STOPPING" && r.state === "STARTING") this.seen("STARTING replica stopped")
        if (next?.state === "STOPPING" && r.state === "PENDING_MIGRATION") this.seen("PENDING_MIGRATION replica stopped")
        if (next?.state === "PENDING_MIGRATION" && r.state === "RUNNING") this.seen("RUNNING replica migrating")
        if (next !== undefined && r.node !== null && next.node !== r.node) this.seen("replica leaves a node")
        if (next !== undefined && next.node !== null && r.node !== next.node) this.seen("replica comes up elsewhere")
        if (dep.maxReplicasPerNode !== undefined && r.node !== null && r.state !== "STOPPING" && next?.state !== r.state) {
          this.seen("limited replica changes state or exits")
        }
      }
      if (rows.some((r) => r.node !== null && !was.has(r.id))) this.seen("replica placed")
      if (rows.some((r) => r.node === null && !was.has(r.id))) this.seen("replica left to the cluster")
      if (dep.version !== b.deployments[d]!.version) this.seen("version changed")
    })

    expect(a.layout, "the layout stamp never goes back").toBeGreaterThanOrEqual(b.layout)
    const layout = layoutOf(a)
    if (layout !== layoutOf(b)) {
      this.seen("layout changed")
      expect(a.layout, "the layout stamp moves when the layout does").toBeGreaterThan(b.layout)
    }
    if (a.nodes.length !== b.nodes.length) this.seen("node list changed")
    if (a.compaction.active !== undefined && b.compaction.active === undefined) this.seen("compaction started")
    if (a.compaction.active === undefined && b.compaction.active !== undefined) this.seen("compaction ended")
    if (a.nodes.some((n) => n.released && b.nodeIndex.has(n.id) && !b.nodes[b.nodeIndex.get(n.id)!]!.released)) {
      this.seen("node released")
    }
    const stamped = this.stamps.get(a.layout)
    expect(stamped ?? layout, `layout stamp ${a.layout} stands for one layout`).toBe(layout)
    this.stamps.set(a.layout, layout)

    this.replay(b, w)
  }

  /** The tick again on drafts: settling once more changes nothing, and looking at every deployment changes nothing. */
  private replay(b: StateData, w: World): void {
    const { events, now } = w.observation
    const draft = new Draft(b, now)
    applyEvents(draft, events)
    settlePasses(draft)
    const settled = summary(draft.finish(), draft.actions)
    expect(summary(unwrap(w.observation.after), w.observation.actions)).toEqual(settled)
    settlePasses(draft)
    expect(summary(draft.finish(), draft.actions), "a settled tick has nothing left to do").toEqual(settled)

    const everything = new Draft(b, now)
    applyEvents(everything, events)
    everything.global = true
    settlePasses(everything)
    expect(summary(everything.finish(), everything.actions), "looking at every deployment finds nothing more").toEqual(settled)
  }
}

/** The state and the actions, as plain data. */
const summary = (data: StateData, actions: ReadonlyArray<Action>) => ({
  actions,
  nodes: data.nodes.map((n) => ({ ...n, perDeployment: [...n.perDeployment].filter(([, c]) => c > 0) })),
  deployments: data.deployments.map((dep, d) => ({
    ...dep,
    replicas: rowsOf(data, d),
    records: rowsOf(data, d).map((r) => SeqMap.get(dep.records, seqOf(r.id))),
    neverStarted: [...dep.neverStarted].sort()
  })),
  draining: [...data.draining],
  removed: [...data.removed],
  compaction: data.compaction,
  quietSince: data.quietSince,
  layout: data.layout
})

/** The harness's worlds, with `maxReplicasPerNode` on the first deployment. */
const limitedSetup = (mode: CompactionMode): fc.Arbitrary<WorldSetup> =>
  fc.tuple(worldSetup(mode), fc.integer({ min: 1, max: 2 })).map(([setup, limit]) => ({
    ...setup,
    deployments: setup.deployments.map((d, i) => (i === 0 ? { ...d, maxReplicasPerNode: limit } : d))
  }))

/** Cases every mode must reach, in occurrences per CI budget (about a third of what the seed gives). */
const FLOORS: Readonly<Record<string, number>> = {
  "outdated replica exits": 15,
  "current replica exits": 45,
  "never-started replica exits": 15,
  "STARTING replica stopped": 15,
  "PENDING_MIGRATION replica stopped": 7,
  "RUNNING replica migrating": 7,
  "replica leaves a node": 1,
  "replica comes up elsewhere": 14,
  "limited replica changes state or exits": 80,
  "replica placed": 55,
  "replica left to the cluster": 12,
  "version changed": 8,
  "layout changed": 140,
  "node list changed": 12
}
/** And, with compaction on, compactions that start, end and release a node. */
const COMPACTION_FLOORS: Readonly<Record<string, number>> = { "compaction started": 2, "compaction ended": 2, "node released": 2 }

const parameters = propertyParameters(CI_RUNS)

describe(`the draft's bookkeeping (${parameters.numRuns} runs × ≤ ${MAX_COMMANDS} ticks per mode)`, () => {
  it.each(LIFECYCLE_MODES)("matches a recount after every tick (compaction %s), and reached every case", (mode) => {
    const cases = new Map<string, number>()
    fc.assert(
      fc.property(limitedSetup(mode), fc.array(worldAction, { maxLength: MAX_COMMANDS, size: "max" }), (setup, actions) => {
        const run = new Run(cases)
        let world = initialWorld(setup)
        run.check(world)
        for (const action of actions) {
          world = worldStep(world, action)
          try {
            run.check(world)
          } catch (e) {
            throw new Error(`after ${showWorldAction(action)} at ${world.observation.now}: ${String(e)}`)
          }
        }
        settle(world, SETTLE_STEP_MS, MAX_SETTLE_TICKS, (w) => run.check(w))
      }),
      parameters
    )
    for (const [feature, floor] of Object.entries({ ...FLOORS, ...(mode === "off" ? {} : COMPACTION_FLOORS) })) {
      expect(cases.get(feature) ?? 0, feature).toBeGreaterThanOrEqual(floor * scale(CI_RUNS))
    }
  })
})

describe("the draft's accounting in cases the worlds above never reach", () => {
  it("frees a RUNNING replica's node when it exits unasked (a crash)", () => {
    const cluster = running(
      { nodes: [{ id: "n0", capacity: { cpu: 4 } }, { id: "n1", capacity: { cpu: 4 } }], deployments: [{ id: "d", demand: { cpu: 1 } }] },
      { d: ["n0", "n0"] }
    )
    const [crashed] = cluster.replicasIn("d", "RUNNING")
    cluster.tick([{ type: "replicaStopped", replica: crashed!.id }], 1000)
    const data = unwrap(cluster.state)
    const recount = recountNodes(data)
    expect(recount.get("n0")?.running, "one replica still runs on n0").toBe(1)
    data.nodes.forEach((n, i) => expect(storedNode(data, i), `node ${n.id}`).toEqual(recount.get(n.id)))
  })

  it("lets go of a node that leaves while it holds replicas: they stop, holding nothing", () => {
    const cluster = running(
      { nodes: [{ id: "n0", capacity: { cpu: 4 } }, { id: "n1", capacity: { cpu: 4 } }], deployments: [{ id: "d", demand: { cpu: 1 } }] },
      { d: ["n0", "n1"] }
    )
    cluster.tick([{ type: "nodeRemoved", node: "n0" }], 1000)
    const data = unwrap(cluster.state)
    const recount = recountNodes(data)
    expect(cluster.replicasIn("d", "STOPPING").map((r) => r.node), "the replica that was on n0").toEqual([null])
    data.nodes.forEach((n, i) => expect(storedNode(data, i), `node ${n.id}`).toEqual(recount.get(n.id)))
  })

  it("marks a replica landing on a node the active compaction empties, and no other", () => {
    const data = unwrap(Lifecycle.make({
      nodes: [{ id: "n0", capacity: { cpu: 4 } }, { id: "n1", capacity: { cpu: 4 } }],
      deployments: [{ id: "d", demand: { cpu: 1 }, target: 0 }],
      options: { compaction: "ray" }
    }))
    const draft = new Draft(data, 0)
    draft.setCompaction({ ...draft.compaction, active: { run: { kind: "ray" }, nodes: ["n1"], emptying: new Set(["n1"]), startedAt: 0 } })
    const replica = (seq: number, node: string) => ({ id: `d#${seq}`, version: "v1", deployment: "d", node })
    draft.addAll(0, "STARTING", [replica(0, "n0")])
    expect(draft.landed, "a replica on a node not being emptied").toBe(false)
    draft.addAll(0, "STOPPING", [replica(1, "n1")])
    expect(draft.landed, "a STOPPING replica on the emptied node").toBe(false)
    draft.addAll(0, "STARTING", [replica(2, "n1")])
    expect(draft.landed, "a STARTING replica on the emptied node").toBe(true)
  })
})
