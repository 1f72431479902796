/**
 * A tick's passes (settle): they repeat until one changes nothing, so a tick
 * with nothing to do takes one pass, and a tick that does something ends on a
 * pass that changes nothing, well before the bound on passes; the statuses of
 * a state never settled (make's) are all looked at in the first tick.
 */
import { describe, expect, it } from "vitest"
import { Lifecycle } from "../../../../src/index.js"
import { Draft } from "../../../../src/lifecycle/internal/draft.js"
import { applyEvents } from "../../../../src/lifecycle/internal/events.js"
import { settle } from "../../../../src/lifecycle/internal/settle.js"
import { type StateData, unwrap } from "../../../../src/lifecycle/internal/state.js"
import { Cluster, running } from "../support.js"

/** The bound settle keeps on the passes of one tick (MAX_PASSES): a settling tick stays far below it. */
const PASS_BOUND = 64

/** A draft at `now` after `events`, whose passes are counted: each pass begins by forgetting what the one before wrote. */
const countedDraft = (data: StateData, now: number, events: ReadonlyArray<Lifecycle.EventInput> = []) => {
  const draft = new Draft(data, now)
  applyEvents(draft, events)
  let passes = 0
  let written = draft.written
  Object.defineProperty(draft, "written", {
    get: () => written,
    set: (next: Set<number>) => {
      passes++
      written = next
    }
  })
  return { draft, passes: () => passes }
}

const CPU = (n: number) => ({ CPU: n })

/** Two nodes, deployment d running its 2 replicas on n1: settled. */
const steady = () =>
  running({
    nodes: [{ id: "n1", capacity: CPU(4) }, { id: "n2", capacity: CPU(4) }],
    deployments: [{ id: "d", demand: CPU(1) }]
  }, { d: ["n1", "n1"] })

describe("settle", () => {
  it("a tick with nothing to do takes one pass and does nothing", () => {
    const c = steady()
    const { draft, passes } = countedDraft(unwrap(c.state), c.now + 1000)
    settle(draft)
    expect(passes()).toBe(1)
    expect(draft.actions).toEqual([])
    expect(draft.changed).toBe(false)
  })

  it("a tick that does something ends on a pass that changes nothing, far below the bound; settling again takes one pass", () => {
    const c = steady()
    // n1 drains: both replicas go PENDING_MIGRATION, their replacements start on n2
    const { draft, passes } = countedDraft(unwrap(c.state), c.now + 1000, [{ type: "nodesDraining", nodes: { n1: 600_000 } }])
    settle(draft)
    expect(draft.actions.filter((a) => a.type === "startReplica")).toHaveLength(2)
    expect(draft.changed).toBe(false)
    const taken = passes()
    expect(taken).toBeGreaterThanOrEqual(2) // the pass that acted, then one that found nothing
    expect(taken).toBeLessThan(PASS_BOUND / 4)
    settle(draft)
    expect(passes()).toBe(taken + 1)
  })

  it("the first tick gives every deployment of make's state its status and steady time, written or not", () => {
    // "idle" (target 0) is HEALTHY with exactly its target from the start; nothing in the first tick writes it
    const c = new Cluster({ nodes: [{ id: "n1", capacity: CPU(4) }], deployments: [{ id: "idle", demand: CPU(1), target: 0 }] })
    c.tick([], 5000)
    const idle = unwrap(c.state).deployments[0]!
    expect(idle.status).toBe("HEALTHY")
    expect(idle.steadySince).toBe(5000)
  })
})
