/**
 * Deployment status (Ray's `check_curr_status`, ray-semantics.md: HEALTHY needs
 * no STARTING, UPDATING, RECOVERING or STOPPING replica and target == RUNNING at
 * the target version == all RUNNING), since when a deployment has been steady
 * (HEALTHY with exactly `target` replicas) and since when the cluster has been
 * quiet (every deployment HEALTHY, no node draining): the compaction delay
 * counts from these (DESIGN §6).
 */
import { describe, expect, it } from "vitest"
import { Container, Lifecycle } from "../../../../src/index.js"
import type { DeploymentStatus, Replica } from "../../../../src/lifecycle/State.js"
import { Draft } from "../../../../src/lifecycle/internal/draft.js"
import { type DeploymentEntry, unwrap } from "../../../../src/lifecycle/internal/state.js"
import { isSettled, statusOf, updateQuiet, updateStatus } from "../../../../src/lifecycle/internal/status.js"

type ReplicaState = Container.ReplicaState

/** A deployment entry as isSettled reads it: only since when it has been steady. */
const steadySince = (at: number | null): DeploymentEntry => ({ steadySince: at }) as unknown as DeploymentEntry

describe("isSettled", () => {
  it("never while the deployment is not steady, however late", () => {
    expect(isSettled(steadySince(null), 1e12, 0)).toBe(false)
  })

  it("from steadySince + delay on", () => {
    expect(isSettled(steadySince(100), 149, 50)).toBe(false)
    expect(isSettled(steadySince(100), 150, 50)).toBe(true)
  })
})

/** A state with deployments `ids` (target 1 each, no node): the drafts below start from it. */
const base = (ids: ReadonlyArray<string> = ["d"]) =>
  unwrap(Lifecycle.make({ nodes: [], deployments: ids.map((id) => ({ id, demand: { CPU: 1 }, target: 1 })) }))

interface Shape {
  readonly target: number
  readonly version: string
  readonly status: DeploymentStatus
  /** Replicas as `[state, version]`, in order. */
  readonly replicas: ReadonlyArray<readonly [ReplicaState, string]>
  readonly steadySince?: number | null
}

/** Deployment `d` of `draft` rewritten to `shape`; `outdated` recounted here from the versions. */
const reshape = (draft: Draft, d: number, shape: Shape): void => {
  const dep = draft.deployment(d)
  let replicas = Container.empty<Replica>()
  shape.replicas.forEach(([state, version], i) => {
    replicas = Container.addAll(replicas, state, [{ id: `${dep.id}#${i}`, version, deployment: dep.id, node: null }])
  })
  const outdated = shape.replicas.filter(([, version]) => version !== shape.version).length
  draft.setDeployment(d, {
    ...dep,
    target: shape.target,
    version: shape.version,
    status: shape.status,
    replicas,
    outdated,
    steadySince: shape.steadySince ?? null
  })
}

/** The entry of a one-deployment state shaped as `shape`. */
const entry = (shape: Shape): DeploymentEntry => {
  const draft = new Draft(base(), 0)
  reshape(draft, 0, shape)
  return draft.deployment(0)
}

const running = (n: number, version = "v1"): Array<readonly [ReplicaState, string]> =>
  Array.from({ length: n }, () => ["RUNNING", version] as const)

describe("statusOf", () => {
  it("HEALTHY when exactly the target runs the target version and nothing starts or stops", () => {
    expect(statusOf(entry({ target: 2, version: "v1", status: "UPDATING", replicas: running(2) }))).toBe("HEALTHY")
    expect(statusOf(entry({ target: 0, version: "v1", status: "UPDATING", replicas: [] }))).toBe("HEALTHY")
  })

  it("not HEALTHY while any replica is STARTING, UPDATING, RECOVERING or STOPPING, the target running or not", () => {
    for (const state of ["STARTING", "UPDATING", "RECOVERING", "STOPPING"] as const) {
      const shape = { target: 2, version: "v1", status: "UPDATING", replicas: [...running(2), [state, "v1"] as const] } as const
      expect(statusOf(entry(shape)), state).toBe("UPDATING")
    }
  })

  it("not HEALTHY with fewer or more RUNNING replicas than the target", () => {
    expect(statusOf(entry({ target: 3, version: "v1", status: "UPDATING", replicas: running(2) }))).toBe("UPDATING")
    expect(statusOf(entry({ target: 1, version: "v1", status: "UPDATING", replicas: running(2) }))).toBe("UPDATING")
  })

  it("not HEALTHY while the target runs an old version: the rollout is not over", () => {
    expect(statusOf(entry({ target: 2, version: "v2", status: "UPDATING", replicas: running(2, "v1") }))).toBe("UPDATING")
    const mixed = [...running(1, "v1"), ...running(1, "v2")]
    expect(statusOf(entry({ target: 2, version: "v2", status: "UPDATING", replicas: mixed }))).toBe("UPDATING")
  })

  it("HEALTHY once every RUNNING replica runs the new version, an old one still PENDING_MIGRATION", () => {
    // PENDING_MIGRATION counts neither as starting/stopping nor as RUNNING (ray-semantics.md, check_curr_status)
    const replicas = [...running(2, "v2"), ["PENDING_MIGRATION", "v1"] as const]
    expect(statusOf(entry({ target: 2, version: "v2", status: "UPDATING", replicas }))).toBe("HEALTHY")
  })

  it("UNHEALTHY stays until HEALTHY; any other unhealthy shape is UPDATING", () => {
    expect(statusOf(entry({ target: 2, version: "v1", status: "UNHEALTHY", replicas: running(1) }))).toBe("UNHEALTHY")
    expect(statusOf(entry({ target: 2, version: "v1", status: "UNHEALTHY", replicas: running(2) }))).toBe("HEALTHY")
    expect(statusOf(entry({ target: 2, version: "v1", status: "HEALTHY", replicas: running(1) }))).toBe("UPDATING")
  })
})

/** A draft at `now` whose deployment 0 is `shape`, its own writes forgotten (as at the start of a pass). */
const draftOf = (shape: Shape, now: number): Draft => {
  const draft = new Draft(base(), now)
  reshape(draft, 0, shape)
  draft.changed = false
  draft.written = new Set()
  return draft
}

describe("updateStatus", () => {
  it("a deployment becoming HEALTHY with exactly its target is steady from now on", () => {
    const draft = draftOf({ target: 2, version: "v1", status: "UPDATING", replicas: running(2) }, 700)
    updateStatus(draft, 0)
    expect(draft.deployment(0).status).toBe("HEALTHY")
    expect(draft.deployment(0).steadySince).toBe(700)
  })

  it("keeps the time a deployment became steady while it stays steady", () => {
    const draft = draftOf({ target: 2, version: "v1", status: "HEALTHY", replicas: running(2), steadySince: 100 }, 700)
    updateStatus(draft, 0)
    expect(draft.deployment(0).steadySince).toBe(100)
  })

  it("a deployment that is not HEALTHY is not steady, whatever its size", () => {
    const replicas = [...running(1), ["STARTING", "v1"] as const]
    const starting = draftOf({ target: 2, version: "v1", status: "HEALTHY", replicas, steadySince: 100 }, 700)
    updateStatus(starting, 0)
    expect(starting.deployment(0).status).toBe("UPDATING")
    expect(starting.deployment(0).steadySince).toBeNull()
    const old = draftOf({ target: 1, version: "v2", status: "UPDATING", replicas: running(1, "v1") }, 700)
    updateStatus(old, 0)
    expect(old.deployment(0).steadySince).toBeNull()
  })

  it("HEALTHY with a replica beyond the target (PENDING_MIGRATION) is not steady", () => {
    const replicas = [...running(2), ["PENDING_MIGRATION", "v1"] as const]
    const draft = draftOf({ target: 2, version: "v1", status: "UPDATING", replicas, steadySince: null }, 700)
    updateStatus(draft, 0)
    expect(draft.deployment(0).status).toBe("HEALTHY")
    expect(draft.deployment(0).steadySince).toBeNull()
  })

  it("writes nothing when neither the status nor the steady time changes", () => {
    for (const shape of [
      { target: 2, version: "v1", status: "HEALTHY", replicas: running(2), steadySince: 100 },
      { target: 2, version: "v1", status: "UPDATING", replicas: running(1) }
    ] as const) {
      const draft = draftOf(shape, 700)
      const before = draft.deployment(0)
      updateStatus(draft, 0)
      expect(draft.deployment(0)).toBe(before)
      expect(draft.changed).toBe(false)
      expect([...draft.written]).toEqual([])
    }
  })
})

/** A draft at `now` over deployments a and b with these statuses, nodes draining as given, quiet since `quietSince`. */
const quietDraft = (
  statuses: readonly [DeploymentStatus, DeploymentStatus],
  quietSince: number | null,
  draining: ReadonlyMap<string, number> = new Map()
): Draft => {
  const data = base(["a", "b"])
  const deployments = data.deployments.map((dep, d) => ({ ...dep, status: statuses[d]! }))
  return new Draft({ ...data, deployments, draining, quietSince }, 900)
}

describe("updateQuiet", () => {
  it("records now when every deployment is HEALTHY and no node drains", () => {
    const draft = quietDraft(["HEALTHY", "HEALTHY"], null)
    updateQuiet(draft)
    expect(draft.quietSince).toBe(900)
  })

  it("keeps the time the cluster became quiet while it stays quiet", () => {
    const draft = quietDraft(["HEALTHY", "HEALTHY"], 300)
    updateQuiet(draft)
    expect(draft.quietSince).toBe(300)
  })

  it("is not quiet while one deployment is not HEALTHY", () => {
    for (const statuses of [["HEALTHY", "UPDATING"], ["UNHEALTHY", "HEALTHY"]] as const) {
      const fresh = quietDraft(statuses, null)
      updateQuiet(fresh)
      expect(fresh.quietSince).toBeNull()
      const was = quietDraft(statuses, 300)
      updateQuiet(was)
      expect(was.quietSince).toBeNull()
    }
  })

  it("is not quiet while a node drains, every deployment HEALTHY", () => {
    const fresh = quietDraft(["HEALTHY", "HEALTHY"], null, new Map([["n1", 60_000]]))
    updateQuiet(fresh)
    expect(fresh.quietSince).toBeNull()
    const was = quietDraft(["HEALTHY", "HEALTHY"], 300, new Map([["n1", 60_000]]))
    updateQuiet(was)
    expect(was.quietSince).toBeNull()
  })

  it("reports no change when quiet or not quiet stays as recorded", () => {
    for (const draft of [quietDraft(["HEALTHY", "UPDATING"], null), quietDraft(["HEALTHY", "HEALTHY"], 300)]) {
      updateQuiet(draft)
      expect(draft.changed).toBe(false)
    }
  })
})
