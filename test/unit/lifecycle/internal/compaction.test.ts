/**
 * Compaction cycles through `tick`: Ray's deployment-state cases (ray-semantics.md
 * §4 C, 18–19) and the cycle cases of Anyscale's `TestActiveCompaction` (§4 D,
 * 23–27) in `"ray"` mode, and where `"planner"` mode differs.
 */
import { describe, expect, it } from "vitest"
import { Lifecycle } from "../../../../src/index.js"
import { obey, releases, running, started, starts, stopped, stops } from "../support.js"

const CPU = (n: number) => ({ CPU: n })
/** Just past the default 300 s compaction delay. */
const PAST_DELAY = 305_000

/** Three nodes of CPU 4, one replica of "d" (CPU 1, surge 1) on each, planner compaction: two nodes can be emptied onto the third. */
const oneReplicaPerNode = () =>
  running({
    nodes: ["n1", "n2", "n3"].map((id) => ({ id, capacity: CPU(4) })),
    deployments: [{ id: "d", demand: CPU(1), maxSurge: 1 }],
    options: { compaction: "planner" }
  }, { d: ["n1", "n2", "n3"] })

describe("compaction at the deployment level (Ray's cases 18–19)", () => {
  const case18 = (compaction: "ray" | "planner") =>
    running({
      nodes: [{ id: "n1", capacity: CPU(9) }, { id: "n2", capacity: CPU(4) }, { id: "n3", capacity: CPU(5) }],
      deployments: [{ id: "A", demand: CPU(1) }, { id: "B", demand: CPU(2) }, { id: "C", demand: CPU(3) }],
      options: { compaction }
    }, { A: ["n2", "n2"], B: ["n3"], C: ["n1", "n1"] })

  it("18: compacts the larger compactable node, start then stop, then releases it", () => {
    const c = case18("ray")
    expect(c.tick([], 299_000)).toEqual([]) // not HEALTHY for the delay yet
    const actions = c.tick([], 6000)
    expect(c.compaction()).toEqual({ phase: "active", nodes: ["n3"], startedAt: PAST_DELAY, failures: 0 })
    expect(c.counts("A")).toEqual({ RUNNING: 2 })
    expect(c.counts("C")).toEqual({ RUNNING: 2 })
    expect(c.counts("B")).toEqual({ STARTING: 1, PENDING_MIGRATION: 1 })
    expect(starts(actions).map((s) => s.node)).toEqual(["n2"])
    const stop = c.tick(started(actions), 1000)
    expect(c.counts("B")).toEqual({ RUNNING: 1, STOPPING: 1 })
    expect(c.compaction()).toEqual({ phase: "idle", nodes: [], startedAt: null, failures: 0 }) // complete
    const release = c.tick(stopped(stop), 1000)
    expect(releases(release)).toEqual(["n3"])
    expect(c.counts("B")).toEqual({ RUNNING: 1 })
    for (let i = 0; i < 3; i++) expect(c.tick([], 1000)).toEqual([])
    expect(["A", "B", "C"].map((d) => c.status(d))).toEqual(["HEALTHY", "HEALTHY", "HEALTHY"])
    expect(c.tick([], 600_000)).toEqual([]) // nothing more is compactable
  })

  it("18, the node being emptied leaves: the compaction is complete, as the node holds nothing any more", () => {
    const c = case18("ray")
    c.tick([], PAST_DELAY)
    expect(c.compaction().nodes).toEqual(["n3"])
    const gone = c.tick([{ type: "nodeRemoved", node: "n3" }], 1000)
    expect(stops(gone)).toHaveLength(1) // B's old replica went with its node
    expect(c.compaction()).toEqual({ phase: "idle", nodes: [], startedAt: null, failures: 0 })
  })

  it("18, the node being emptied also starts draining: its deadline holds, so a due replica stops before its replacement runs", () => {
    const c = case18("ray")
    c.tick([], PAST_DELAY)
    expect(c.counts("B")).toEqual({ STARTING: 1, PENDING_MIGRATION: 1 })
    const due = c.tick([{ type: "nodesDraining", nodes: { n3: c.now + 1000 } }], 0)
    expect(stops(due)).toHaveLength(1)
    expect(c.counts("B")).toEqual({ STARTING: 1, STOPPING: 1 })
  })

  it("18 in planner mode: the plan empties the same node with the same single migration", () => {
    const c = case18("planner")
    const actions = c.tick([], PAST_DELAY)
    expect(c.compaction().nodes).toEqual(["n3"])
    expect(starts(actions).map((s) => s.deployment)).toEqual(["B"]) // its destination is the plan's (n2 here, the tighter fit)
    expect(releases(obey(c, actions))).toEqual(["n3"])
    expect(c.counts("B")).toEqual({ RUNNING: 1 })
  })

  it("19: an upscale that lands on the node being emptied cancels the compaction, in the same tick", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: CPU(3) }, { id: "n2", capacity: CPU(3) }],
      deployments: [{ id: "d", demand: CPU(1) }],
      options: { compaction: "ray" }
    }, { d: ["n1", "n1", "n2"] })
    const migration = c.tick([], PAST_DELAY)
    expect(c.compaction().nodes).toEqual(["n2"]) // equal sizes: the node with fewer replicas to move
    expect(c.counts("d")).toEqual({ RUNNING: 2, PENDING_MIGRATION: 1, STARTING: 1 })
    // n1 is full, so the new replica goes to the node being emptied: that cancels the compaction at
    // once (Ray notices one tick later, when the replica is ready). The migrating replica returns to
    // RUNNING and the surplus STARTING replica stops (the newest: the one placed on n2).
    const upscale = c.tick([{ type: "setTarget", deployment: "d", target: 4 }], 1000)
    expect(starts(upscale).map((s) => s.node)).toEqual(["n2"])
    expect(stops(upscale).map((s) => s.replica)).toEqual(starts(upscale).map((s) => s.replica))
    expect(c.compaction()).toMatchObject({ phase: "backoff", nodes: [], failures: 1 })
    expect(c.counts("d")).toEqual({ RUNNING: 3, STARTING: 1, STOPPING: 1 })
    c.tick(started(migration), 1000)
    expect(c.counts("d")).toEqual({ RUNNING: 4, STOPPING: 1 }) // Ray's counts after its cancel
  })
})

describe("the compaction cycle (Anyscale's TestActiveCompaction, cases 23–27, in ray mode)", () => {
  const small = (options: Lifecycle.OptionsInput = {}) =>
    running({
      nodes: [{ id: "n1", capacity: CPU(3) }, { id: "n2", capacity: CPU(2) }],
      deployments: [{ id: "d", demand: CPU(1) }],
      options: { compaction: "ray", ...options }
    }, { d: ["n1", "n1", "n2"] })

  it("23: completes once the node holds no running replica, and releases it once empty", () => {
    const c = small()
    const migration = c.tick([], PAST_DELAY)
    expect(c.compaction()).toMatchObject({ phase: "active", nodes: ["n2"] })
    expect(c.tick([], 1000)).toEqual([])
    expect(c.compaction()).toMatchObject({ phase: "active", nodes: ["n2"] }) // still returned
    expect(starts(migration).map((s) => s.node)).toEqual(["n1"])
    const stop = c.tick(started(migration), 1000)
    expect(c.compaction()).toEqual({ phase: "idle", nodes: [], startedAt: null, failures: 0 })
    expect(releases(stop)).toEqual([])
    expect(releases(c.tick(stopped(stop), 1000))).toEqual(["n2"])
    expect(c.tick([], 1000)).toEqual([]) // released once
  })

  it("24: cancelled when a new replica runs on the node being emptied (the reported node wins)", () => {
    const c = small()
    const migration = c.tick([], PAST_DELAY)
    const cancel = c.tick(started(migration, () => "n2"), 1000)
    expect(c.compaction()).toMatchObject({ phase: "backoff", nodes: [], failures: 1 })
    expect(c.counts("d")).toEqual({ RUNNING: 3, STOPPING: 1 }) // back to RUNNING, surplus trimmed
    expect(stops(cancel)).toHaveLength(1)
  })

  it("25: times out at compactionTimeoutMs: the migration is undone, the replacement stopped", () => {
    const c = small()
    const migration = c.tick([], PAST_DELAY)
    c.tick([], 100_000)
    c.tick([], 1_000_000)
    expect(c.compaction()).toMatchObject({ phase: "active", nodes: ["n2"] })
    const timeout = c.tick([], 10_000_000)
    expect(c.compaction()).toMatchObject({ phase: "backoff", nodes: [], failures: 1 })
    expect(stops(timeout).map((s) => s.replica)).toEqual(starts(migration).map((s) => s.replica))
    expect(c.counts("d")).toEqual({ RUNNING: 3, STOPPING: 1 })
  })

  it("26: backs off 2^failures s after each cancellation (allowed again at exactly now = next allowed)", () => {
    const c = small({ compactionDelayMs: 0 })
    expect(c.compaction()).toMatchObject({ phase: "active", nodes: ["n2"] }) // quiet since boot, no delay
    for (let i = 0; i < 5; i++) {
      const cancel = c.tick([{ type: "setTarget", deployment: "d", target: 4 }], 1000) // lands on n2
      expect(c.compaction()).toMatchObject({ phase: "backoff", failures: i + 1 })
      const trim = c.tick([{ type: "setTarget", deployment: "d", target: 3 }])
      c.tick([...stopped(cancel), ...stopped(trim)])
      expect(c.status("d")).toBe("HEALTHY")
      const backoff = 2 ** (i + 1) * 1000
      c.tick([], backoff / 2)
      expect(c.compaction()).toMatchObject({ phase: "backoff" })
      c.tick([], backoff / 2)
      expect(c.compaction()).toMatchObject({ phase: "active", nodes: ["n2"], startedAt: c.now, failures: i + 1 })
    }
  })

  it("27: backs off after timeouts; each retry is a new compaction with a new start time", () => {
    const c = small({ compactionDelayMs: 0 })
    for (let i = 0; i < 5; i++) {
      const startedAt = c.compaction().startedAt
      c.tick([], 1_000_000)
      expect(c.compaction()).toMatchObject({ phase: "active", startedAt })
      const timeout = c.tick([], 800_000) // 1,800 s after the start: timed out (>=)
      expect(c.compaction()).toMatchObject({ phase: "backoff", failures: i + 1 })
      c.tick(stopped(timeout))
      const backoff = 2 ** (i + 1) * 1000
      c.tick([], backoff / 2)
      expect(c.compaction().phase).toBe("backoff")
      c.tick([], backoff / 2)
      expect(c.compaction()).toMatchObject({ phase: "active", nodes: ["n2"], startedAt: c.now })
    }
  })

  it("does not start in the tick a deployment begins to scale or roll out, though the cluster was quiet for the delay", () => {
    // Either node's replica fits on the other: at the delay, a compaction starts unless a deployment changes in that tick.
    const spread = () =>
      running({
        nodes: [{ id: "n1", capacity: CPU(4) }, { id: "n2", capacity: CPU(4) }],
        deployments: [{ id: "d", demand: CPU(1) }, { id: "e", demand: CPU(1) }],
        options: { compaction: "ray" }
      }, { d: ["n1"], e: ["n2"] })
    const scaling = spread()
    scaling.tick([{ type: "setTarget", deployment: "d", target: 2 }], PAST_DELAY)
    expect(scaling.compaction().phase).toBe("idle")
    const rolling = spread()
    rolling.tick([{ type: "setTarget", deployment: "d", target: 1, version: "v2" }], PAST_DELAY)
    expect(rolling.compaction().phase).toBe("idle")
    const quiet = spread()
    quiet.tick([], PAST_DELAY)
    expect(quiet.compaction().phase).toBe("active")
  })

  it("the back-off is capped at maxBackoffMs", () => {
    const c = small({ compactionDelayMs: 0, maxBackoffMs: 3000 })
    for (let i = 0; i < 3; i++) {
      c.tick(stopped(c.tick([], 1_800_000)))
      c.tick([], Math.min(2 ** (i + 1) * 1000, 3000) - 1)
      expect(c.compaction().phase).toBe("backoff")
      c.tick([], 1)
      expect(c.compaction().phase).toBe("active")
    }
  })

  it("a node that starts draining during a compaction is drained at once (Ray waits for the compaction)", () => {
    const c = running({
      nodes: [
        { id: "n1", capacity: CPU(10), releasable: false },
        { id: "n2", capacity: CPU(3) },
        { id: "n3", capacity: CPU(2) }
      ],
      deployments: [{ id: "d", demand: CPU(1) }],
      options: { compaction: "ray" }
    }, { d: ["n1", "n2", "n3", "n3"] })
    c.tick([], PAST_DELAY)
    expect(c.compaction().nodes).toEqual(["n2"])
    const drain = c.tick([{ type: "nodesDraining", nodes: { n3: 900_000 } }], 1000)
    expect(c.counts("d")).toEqual({ RUNNING: 1, PENDING_MIGRATION: 3, STARTING: 3 })
    expect(starts(drain).map((s) => s.node)).toEqual(["n1", "n1"])
    expect(c.compaction().phase).toBe("active")
  })
})

describe("planner mode: where it differs from Ray", () => {
  const residue = (compaction: "ray" | "planner") =>
    running({
      nodes: ["n1", "n2", "n3"].map((id) => ({ id, capacity: CPU(4) })),
      deployments: [{ id: "d", demand: CPU(1), maxSurge: 2 }],
      options: { compaction }
    }, { d: ["n1", "n2", "n3"] })

  it("empties every node it can in one compaction; Ray frees one node per round, a delay apart", () => {
    const ray = residue("ray")
    const rayActions = obey(ray, ray.tick([], PAST_DELAY))
    expect(releases(rayActions)).toHaveLength(1) // the next round waits another compactionDelayMs
    const planner = residue("planner")
    const first = planner.tick([], PAST_DELAY)
    expect(planner.compaction().nodes).toHaveLength(2)
    expect(releases(obey(planner, first))).toHaveLength(2)
    expect(planner.counts("d")).toEqual({ RUNNING: 3 })
  })

  it("runs wave after wave: the next wave starts only when the previous one's replicas have exited", () => {
    const c = oneReplicaPerNode()
    const wave1 = c.tick([], PAST_DELAY)
    expect(starts(wave1)).toHaveLength(1) // maxSurge 1: one migration per wave
    expect(c.counts("d")).toEqual({ RUNNING: 2, PENDING_MIGRATION: 1, STARTING: 1 })
    const stop1 = c.tick(started(wave1), 1000)
    expect(starts(stop1)).toEqual([]) // its source still runs (STOPPING): wave 2 waits
    expect(c.counts("d")).toEqual({ RUNNING: 3, STOPPING: 1 })
    const wave2 = c.tick(stopped(stop1), 1000)
    expect(starts(wave2)).toHaveLength(1)
    expect(c.counts("d")).toEqual({ RUNNING: 2, PENDING_MIGRATION: 1, STARTING: 1 })
    expect(c.compaction().phase).toBe("active")
    const rest = obey(c, wave2)
    expect(releases([...stop1, ...rest])).toHaveLength(2) // rest begins with wave2
    expect(c.compaction()).toMatchObject({ phase: "idle", failures: 0 })
    // The released nodes are gone for good: the next search, a delay later, has nothing to plan.
    expect(c.tick([], PAST_DELAY)).toEqual([])
    expect(c.compaction().phase).toBe("idle")
  })

  it("plans within maxReplicasPerNode: no node is emptied onto one already holding the most it may", () => {
    const cluster = (maxReplicasPerNode?: number) =>
      running({
        nodes: ["n1", "n2", "n3"].map((id) => ({ id, capacity: CPU(4) })),
        deployments: [{ id: "d", demand: CPU(1), ...(maxReplicasPerNode === undefined ? {} : { maxReplicasPerNode }) }],
        options: { compaction: "planner" }
      }, { d: ["n1", "n2"] })
    const free = cluster()
    free.tick([], PAST_DELAY)
    expect(free.compaction().phase).toBe("active") // without the limit, one node's replica joins the other's
    const limited = cluster(1)
    expect(limited.tick([], PAST_DELAY)).toEqual([])
    expect(limited.compaction().phase).toBe("idle")
  })

  it("a wave moves only replicas still running: one that failed before its wave began stays stopping", () => {
    const c = oneReplicaPerNode()
    const wave1 = c.tick([], PAST_DELAY)
    const emptying = c.compaction().nodes
    expect(emptying).toHaveLength(2)
    const stop1 = c.tick(started(wave1), 1000)
    // Wave 2's replica: the one still running on a node being emptied. It fails as wave 1 ends.
    const next = c.replicasIn("d", "RUNNING").find((r) => r.node !== null && emptying.includes(r.node))!
    c.tick([...stopped(stop1), { type: "replicaUnhealthy", replica: next.id }], 1000)
    expect(c.replicasIn("d", "STOPPING").map((r) => r.id)).toEqual([next.id])
    expect(c.counts("d").PENDING_MIGRATION).toBeUndefined()
  })

  it("an active compaction waiting on its replicas: a tick at the same now with no events answers the very state", () => {
    const c = oneReplicaPerNode()
    const wave1 = c.tick([], PAST_DELAY)
    c.tick(started(wave1), 1000)
    expect(c.compaction().phase).toBe("active")
    const again = Lifecycle.tick(c.state, { now: c.now, events: [] })
    expect(again).toEqual({ state: c.state, actions: [] })
    expect(again.state).toBe(c.state)
  })

  it("a replacement starts on its step's destination; a cancelled plan returns its migrating replicas to RUNNING", () => {
    const c = running({
      nodes: ["n1", "n2", "n3"].map((id) => ({ id, capacity: CPU(2) })),
      deployments: [{ id: "d", demand: CPU(1), maxSurge: 2 }],
      options: { compaction: "planner" }
    }, { d: ["n1", "n2", "n3"] })
    const wave = c.tick([], PAST_DELAY)
    const emptying = c.compaction().nodes
    expect(emptying).toHaveLength(1)
    expect(starts(wave).every((s) => s.node !== null && !emptying.includes(s.node))).toBe(true)
    const cancel = c.tick([{ type: "setTarget", deployment: "d", target: 5 }], 1000)
    expect(starts(cancel).map((s) => s.node)).toContain(emptying[0]) // the only room left
    expect(c.compaction()).toMatchObject({ phase: "backoff", failures: 1 })
    expect(c.counts("d").PENDING_MIGRATION).toBeUndefined()
  })

  describe("when it starts: each moved deployment steady for the delay, the rest may scale", () => {
    // d is spread over n1–n3 (one node can go); e sits on n4, a head node, and scales at will.
    const fleet = (compaction: "ray" | "planner") =>
      running({
        nodes: [...["n1", "n2", "n3"].map((id) => ({ id, capacity: CPU(4) })), { id: "n4", capacity: CPU(4), releasable: false }],
        deployments: [{ id: "d", demand: CPU(1), maxSurge: 2 }, { id: "e", demand: CPU(1) }],
        options: { compaction }
      }, { d: ["n1", "n2", "n3"], e: ["n4"] })

    it("starts while another deployment is scaling, moving only the steady one; Ray waits for the whole cluster", () => {
      const planner = fleet("planner")
      const ray = fleet("ray")
      for (const c of [planner, ray]) {
        c.tick([], 200_000)
        c.tick([{ type: "setTarget", deployment: "e", target: 2 }], 0) // e is UPDATING from now on
      }
      planner.tick([], 105_000)
      ray.tick([], 105_000)
      expect(planner.status("e")).toBe("UPDATING")
      expect(planner.compaction().phase).toBe("active")
      expect(planner.counts("d").PENDING_MIGRATION).toBeGreaterThan(0)
      expect(planner.counts("e")).toEqual({ RUNNING: 1, STARTING: 1 }) // e's replicas are not moved
      expect(ray.compaction().phase).toBe("idle")
    })

    it("starts beside a replica no node can take (it waits unplaced, holding nothing)", () => {
      const unplaced = running({
        nodes: [...["n1", "n2", "n3"].map((id) => ({ id, capacity: CPU(4) })), { id: "n4", capacity: CPU(4), releasable: false }],
        deployments: [{ id: "d", demand: CPU(1), maxSurge: 2 }, { id: "big", demand: CPU(8) }],
        options: { compaction: "planner" }
      }, { d: ["n1", "n2", "n3"] })
      const placed = unplaced.tick([{ type: "setTarget", deployment: "big", target: 1 }], 1000)
      expect(starts(placed).map((s) => s.node)).toEqual([null])
      unplaced.tick([], PAST_DELAY)
      expect(unplaced.compaction().phase).toBe("active")
    })

    it("searches again once the layout changes, though the same deployments are movable", () => {
      // n1 holds d and e, n2 holds d: both full, and e's second replica finds no room (e is never steady).
      const c = running({
        nodes: [{ id: "n1", capacity: CPU(2) }, { id: "n2", capacity: CPU(1) }],
        deployments: [{ id: "d", demand: CPU(1) }, { id: "e", demand: CPU(1) }],
        options: { compaction: "planner" }
      }, { d: ["n1", "n2"], e: ["n1"] })
      expect(starts(c.tick([{ type: "setTarget", deployment: "e", target: 2 }], 1000)).map((s) => s.node)).toEqual([null])
      expect(c.tick([], PAST_DELAY)).toEqual([]) // d is movable, but nothing can go
      // e goes away: n1 has room for n2's replica of d. The movable deployments are the same ({d}).
      const down = c.tick([{ type: "setTarget", deployment: "e", target: 0 }], 1000)
      c.tick(stopped(down), 1000)
      expect(c.compaction()).toMatchObject({ phase: "active", nodes: ["n2"] })
    })

    it("moves when the others' room exactly fits what a node holds", () => {
      const c = running({
        nodes: [{ id: "n1", capacity: CPU(2) }, { id: "n2", capacity: CPU(2) }],
        deployments: [{ id: "d", demand: CPU(1) }],
        options: { compaction: "planner" }
      }, { d: ["n1", "n2"] })
      c.tick([], PAST_DELAY)
      expect(c.compaction().phase).toBe("active")
    })

    it("moves nothing while another deployment rolls out a version or is UNHEALTHY", () => {
      const rolling = fleet("planner")
      rolling.tick([{ type: "setTarget", deployment: "e", target: 1, version: "v2" }], PAST_DELAY)
      expect(rolling.compaction().phase).toBe("idle")
      expect(rolling.counts("d")).toEqual({ RUNNING: 3 })
      const failing = fleet("planner")
      failing.tick([{ type: "replicaUnhealthy", replica: failing.replicasIn("e", "RUNNING")[0]!.id }], PAST_DELAY)
      expect(failing.status("e")).toBe("UNHEALTHY")
      expect(failing.compaction().phase).toBe("idle")
      expect(failing.counts("d")).toEqual({ RUNNING: 3 })
    })

    it("does not move a deployment until it has been steady for compactionDelayMs", () => {
      const c = fleet("planner")
      const down = c.tick([{ type: "setTarget", deployment: "d", target: 2 }], 200_000) // d scales down: not steady
      c.tick(stopped(down), 1000) // d HEALTHY again at 2, on two nodes: one of them can go
      expect(c.status("d")).toBe("HEALTHY")
      c.tick([], 299_000)
      expect(c.compaction().phase).toBe("idle") // d steady for 299 s only
      c.tick([], 1000)
      expect(c.compaction().phase).toBe("active")
      expect(c.counts("d")).toEqual({ PENDING_MIGRATION: 2, STARTING: 2 }) // both go to n4, beside e
    })

    it("starts while a node drains, neither emptying the draining node nor moving onto it", () => {
      const c = fleet("planner")
      c.tick([{ type: "nodesDraining", nodes: { n4: 10_000_000 } }], PAST_DELAY)
      expect(c.compaction().phase).toBe("active")
      expect(c.compaction().nodes).not.toContain("n4")
      const moves = starts(c.log).filter((s) => s.deployment === "d")
      expect(moves.length).toBeGreaterThan(0)
      expect(moves.every((s) => s.node !== "n4")).toBe(true)
    })
  })
})

describe("what a compaction may touch, and when it may start", () => {
  it("a node that left while being emptied and joins again under its id is a new node: it is not released", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: CPU(9) }, { id: "n2", capacity: CPU(4) }, { id: "n3", capacity: CPU(5) }],
      deployments: [{ id: "A", demand: CPU(1) }, { id: "B", demand: CPU(2) }, { id: "C", demand: CPU(3) }],
      options: { compaction: "ray" }
    }, { A: ["n2", "n2"], B: ["n3"], C: ["n1", "n1"] })
    c.tick([], PAST_DELAY)
    expect(c.compaction().nodes).toEqual(["n3"])
    c.tick([{ type: "nodeRemoved", node: "n3" }], 1000)
    expect(c.compaction()).toEqual({ phase: "idle", nodes: [], startedAt: null, failures: 0 })
    expect(c.tick([{ type: "nodeAdded", node: { id: "n3", capacity: CPU(5) } }], 1000)).toEqual([])
    expect(c.tick([], 1000)).toEqual([])
    expect(releases(c.log)).toEqual([])
  })

  it("a wave's migrating replica still counts once on its node: after a timeout, downscale stops the replica of the node running fewest", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: CPU(3) }, { id: "n2", capacity: CPU(3) }],
      deployments: [{ id: "d", demand: CPU(1) }],
      options: { compaction: "planner" }
    }, { d: ["n1", "n1", "n2"] })
    c.tick([], PAST_DELAY)
    expect(c.compaction()).toMatchObject({ phase: "active", nodes: ["n2"] })
    const timeout = c.tick([], 1_800_000)
    expect(c.compaction()).toMatchObject({ phase: "backoff", failures: 1 })
    c.tick(stopped(timeout), 1000)
    expect(c.counts("d")).toEqual({ RUNNING: 3 })
    const onN2 = c.replicasIn("d", "RUNNING").filter((r) => r.node === "n2").map((r) => r.id)
    expect(onN2).toHaveLength(1)
    // Ray's downscale (ray-semantics.md §1.9): nodes by running replicas, fewest first: n2 (1) before n1 (2).
    const down = c.tick([{ type: "setTarget", deployment: "d", target: 2 }], 1000)
    expect(stops(down).map((s) => s.replica)).toEqual(onN2)
  })

  it("starts no Ray compaction in the tick a node begins to drain, though the cluster was quiet for the delay", () => {
    const c = running({
      nodes: ["n1", "n2", "n3"].map((id) => ({ id, capacity: CPU(4) })),
      deployments: [{ id: "d", demand: CPU(1) }],
      options: { compaction: "ray" }
    }, { d: ["n1", "n2", "n3"] })
    const drain = c.tick([{ type: "nodesDraining", nodes: { n3: 10_000_000 } }], PAST_DELAY)
    expect(c.compaction().phase).toBe("idle")
    expect(c.counts("d")).toEqual({ RUNNING: 2, PENDING_MIGRATION: 1, STARTING: 1 }) // only n3's replica moves
    expect(starts(drain)).toHaveLength(1)
  })

  describe("planner mode: a deployment that becomes steady while a compaction runs", () => {
    // d on nA can join g on n0 (a head node); f's two replicas fill nB, the second started at 101 s: f is steady at 401 s.
    const laterSteady = () => {
      const c = running({
        nodes: [{ id: "n0", capacity: CPU(10), releasable: false }, { id: "nA", capacity: CPU(4) }, { id: "nB", capacity: CPU(2) }],
        deployments: [{ id: "d", demand: CPU(1) }, { id: "f", demand: CPU(1) }, { id: "g", demand: CPU(1) }],
        options: { compaction: "planner", maxBackoffMs: 0 }
      }, { d: ["nA"], f: ["nB"], g: ["n0"] })
      c.tick(started(c.tick([{ type: "setTarget", deployment: "f", target: 2 }], 100_000), () => "nB"), 1000)
      const wave = c.tick([], 204_000)
      return { c, wave }
    }

    it("moves only the replicas of the deployments steady for the delay: f's stay on nB", () => {
      const { c, wave } = laterSteady()
      expect(c.now).toBe(305_000)
      expect(c.compaction()).toEqual({ phase: "active", nodes: ["nA"], startedAt: 305_000, failures: 0 })
      expect(starts(wave).map((s) => [s.deployment, s.node])).toEqual([["d", "n0"]])
      expect(c.counts("f")).toEqual({ RUNNING: 2 })
    })

    it("an active compaction is not replaced by a new one once f is steady too", () => {
      const { c } = laterSteady()
      expect(c.tick([], 97_000)).toEqual([])
      expect(c.compaction()).toEqual({ phase: "active", nodes: ["nA"], startedAt: 305_000, failures: 0 })
      expect(c.counts("f")).toEqual({ RUNNING: 2 })
    })

    it("cancelled with no back-off (maxBackoffMs 0): the next compaction starts in the same tick and runs on", () => {
      const { c, wave } = laterSteady()
      c.tick([], 97_000)
      // d's replacement reports that it runs on nA, the node being emptied: one failure, and f (steady) may move at once.
      const cancel = c.tick(started(wave, () => "nA"), 1000)
      expect(c.compaction()).toEqual({ phase: "active", nodes: ["nB"], startedAt: 403_000, failures: 1 })
      expect(starts(cancel).map((s) => s.deployment)).toEqual(["f"])
      expect(c.counts("f")).toEqual({ RUNNING: 1, PENDING_MIGRATION: 1, STARTING: 1 })
    })
  })

  it("leaves released nodes, and a replica that reports running on one, out of every later plan", () => {
    const c = running({
      nodes: ["n1", "n2", "n3"].map((id) => ({ id, capacity: CPU(4) })),
      deployments: [{ id: "d", demand: CPU(1), maxSurge: 2 }, { id: "e", demand: CPU(1) }],
      options: { compaction: "planner" }
    }, { d: ["n1", "n2", "n3"] })
    const released = releases(obey(c, c.tick([], PAST_DELAY)))
    expect(released).toHaveLength(2)
    const kept = ["n1", "n2", "n3"].find((n) => !released.includes(n))!
    expect(c.replicasIn("d", "RUNNING").map((r) => r.node)).toEqual([kept, kept, kept]) // one CPU left on it
    // Two new nodes; e's three replicas report running on a released node, on n4 and on n5.
    const up = c.tick([
      { type: "nodeAdded", node: { id: "n4", capacity: CPU(4) } },
      { type: "nodeAdded", node: { id: "n5", capacity: CPU(4) } },
      { type: "setTarget", deployment: "e", target: 3 }
    ], 1000)
    c.tick(started(up, (_, i) => [released[0]!, "n4", "n5"][i]!), 1000)
    expect(c.replicasIn("e", "RUNNING").map((r) => r.node)).toEqual([released[0], "n4", "n5"])
    // A delay later, the open nodes are the kept one (one CPU free), n4 and n5: one of n4, n5 can be emptied.
    c.tick([], PAST_DELAY)
    const { nodes, phase } = c.compaction()
    expect(phase).toBe("active")
    expect(nodes).toHaveLength(1)
    expect(["n4", "n5"]).toContain(nodes[0])
  })

  it("searches again when a node stops draining: the room it gives back changes no layout", () => {
    // a and b hold one replica of d each; e holds g's stopping replica (never reported stopped) and room for both.
    const c = running({
      nodes: [{ id: "a", capacity: CPU(1) }, { id: "b", capacity: CPU(1) }, { id: "e", capacity: CPU(3) }],
      deployments: [{ id: "d", demand: CPU(1) }, { id: "g", demand: CPU(1) }],
      options: { compaction: "planner" }
    }, { d: ["a", "b"], g: ["e"] })
    c.tick([{ type: "setTarget", deployment: "g", target: 0 }, { type: "nodesDraining", nodes: { e: 1e12 } }], 1000)
    expect(c.counts("g")).toEqual({ STOPPING: 1 })
    expect(c.tick([], PAST_DELAY)).toEqual([]) // e takes nothing while it drains: nowhere to go
    expect(c.compaction().phase).toBe("idle")
    const undrained = c.tick([{ type: "nodesDraining", nodes: {} }], 1000)
    expect(c.compaction()).toMatchObject({ phase: "active", nodes: ["a", "b"] })
    expect(starts(undrained).map((s) => s.node)).toEqual(["e"]) // maxSurge 1: one migration per wave
  })
})
