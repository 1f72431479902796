/**
 * Ray's own `TestReplicaStateContainer` cases (python/ray/serve/tests/unit/test_deployment_state.py),
 * the `remove` / `stop_replicas` ordering cases of PR #60832, and bad input.
 */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Container } from "../../../src/index.js"
import { deepFreeze } from "../../../spec/freeze.js"

type Replica = { readonly id: string; readonly version: string }
type C = Container.ReplicaContainer<Replica>

const r = (id: string, version = "v1"): Replica => deepFreeze({ id, version })
const ids = (replicas: ReadonlyArray<Replica>) => replicas.map((x) => x.id)
const build = (entries: ReadonlyArray<readonly [Container.ReplicaState, Replica]>): C =>
  entries.reduce((c, [state, replica]) => Container.add(c, state, replica), Container.empty<Replica>())
/** Pops and returns the ids taken, replacing the container, as Ray's mutable `pop` does. */
const popper = (start: C) => {
  let c = deepFreeze(start)
  return {
    pop: (options?: Container.PopOptions) => {
      const [taken, rest] = Container.pop(c, options)
      c = deepFreeze(rest)
      return ids(taken)
    },
    add: (state: Container.ReplicaState, replica: Replica) => {
      c = deepFreeze(Container.add(c, state, replica))
    },
    get current() {
      return c
    }
  }
}

describe("Ray TestReplicaStateContainer", () => {
  it("test_count", () => {
    const c = deepFreeze(build([["STARTING", r("r1", "v1")], ["STARTING", r("r2", "v2")], ["STOPPING", r("r3", "v2")]]))
    expect(Container.count(c)).toBe(3)
    expect(Container.count(c, { states: ["STARTING", "STOPPING"] })).toBe(3)
    expect(Container.count(c, { states: ["STARTING"] })).toBe(2)
    expect(Container.count(c, { states: ["STOPPING"] })).toBe(1)
    expect(Container.count(c, { version: "v1" })).toBe(1)
    expect(Container.count(c, { version: "v2" })).toBe(2)
    expect(Container.count(c, { version: "v3" })).toBe(0)
    expect(Container.count(c, { excludeVersion: "v1" })).toBe(2)
    expect(Container.count(c, { excludeVersion: "v2" })).toBe(1)
    expect(Container.count(c, { excludeVersion: "v3" })).toBe(3)
    expect(Container.count(c, { version: "v1", states: ["STARTING"] })).toBe(1)
    expect(Container.count(c, { version: "v3", states: ["STARTING"] })).toBe(0)
    expect(Container.count(c, { version: "v2", states: ["STARTING", "STOPPING"] })).toBe(2)
    expect(Container.count(c, { excludeVersion: "v1", states: ["STARTING"] })).toBe(1)
    expect(Container.count(c, { excludeVersion: "v3", states: ["STARTING"] })).toBe(2)
    expect(Container.count(c, { excludeVersion: "v2", states: ["STARTING", "STOPPING"] })).toBe(1)
  })

  it("count with both version filters is refused, as Ray's ValueError", () => {
    const c = build([["STARTING", r("r1")]])
    const result = Either.try(() => Container.count(c, { version: "v1", excludeVersion: "v2" } as never))
    expect(Either.isLeft(result) && result.left).toBeInstanceOf(Container.ConflictingVersionFilters)
  })

  it("test_get", () => {
    const c = deepFreeze(build([["STARTING", r("r1")], ["STARTING", r("r2")], ["STOPPING", r("r3")]]))
    expect(ids(Container.get(c))).toEqual(["r1", "r2", "r3"])
    expect(ids(Container.get(c, { states: ["STARTING", "STOPPING"] }))).toEqual(["r1", "r2", "r3"])
    expect(ids(Container.get(c, { states: ["STARTING"] }))).toEqual(["r1", "r2"])
    expect(ids(Container.get(c, { states: ["STOPPING"] }))).toEqual(["r3"])
  })

  it("test_pop_basic", () => {
    const p = popper(build([["STARTING", r("r1")], ["STARTING", r("r2")], ["STOPPING", r("r3")]]))
    expect(p.pop()).toEqual(["r1", "r2", "r3"])
    expect(p.pop()).toEqual([])
  })

  it("test_pop_exclude_version", () => {
    const p = popper(build([["STARTING", r("r1", "v1")], ["STARTING", r("r2", "v1")], ["STARTING", r("r3", "v2")]]))
    expect(p.pop({ excludeVersion: "v1" })).toEqual(["r3"])
    expect(p.pop({ excludeVersion: "v1" })).toEqual([])
    expect(p.pop({ excludeVersion: "v2" })).toEqual(["r1", "r2"])
    expect(p.pop({ excludeVersion: "v2" })).toEqual([])
    expect(p.pop()).toEqual([])
  })

  it("test_pop_max_replicas: the limit spans states", () => {
    const p = popper(build([["STARTING", r("r1")], ["STARTING", r("r2")], ["STOPPING", r("r3")]]))
    expect(p.pop({ maxReplicas: 0 })).toEqual([])
    expect(p.pop({ maxReplicas: 1 })).toEqual(["r1"])
    expect(p.pop({ maxReplicas: 2 })).toEqual(["r2", "r3"])
    p.add("STARTING", r("r1"))
    p.add("STARTING", r("r2"))
    p.add("STOPPING", r("r3"))
    expect(p.pop({ maxReplicas: 10 })).toHaveLength(3)
  })

  it("test_pop_states: the caller's state order wins", () => {
    const p = popper(build([["STOPPING", r("r1")], ["STARTING", r("r2")], ["STOPPING", r("r3")]]))
    expect(p.pop({ states: ["STARTING"] })).toEqual(["r2"])
    expect(p.pop({ states: ["STARTING"] })).toEqual([])
    expect(p.pop({ states: ["STOPPING"] })).toEqual(["r1", "r3"])
    expect(p.pop({ states: ["STOPPING"] })).toEqual([])
    p.add("STOPPING", r("r1"))
    p.add("STARTING", r("r2"))
    p.add("STOPPING", r("r3"))
    p.add("STARTING", r("r4"))
    expect(p.pop({ states: ["STOPPING", "STARTING"] })).toEqual(["r1", "r3", "r2", "r4"])
    expect(p.pop({ states: ["STOPPING", "STARTING"] })).toEqual([])
    expect(p.pop({ states: ["STOPPING"] })).toEqual([])
    expect(p.pop({ states: ["STARTING"] })).toEqual([])
    expect(p.pop()).toEqual([])
  })

  it("test_pop_integration: every filter together", () => {
    const [r1, r2, r3, r4] = [r("r1", "v1"), r("r2", "v2"), r("r3", "v2"), r("r4", "v3")]
    const p = popper(build([["STOPPING", r1], ["STARTING", r2], ["RUNNING", r3], ["RUNNING", r4]]))
    expect(p.pop({ excludeVersion: "v1", states: ["STOPPING"] })).toEqual([])
    expect(p.pop({ excludeVersion: "v1", states: ["RUNNING"], maxReplicas: 1 })).toEqual(["r3"])
    expect(p.pop({ excludeVersion: "v1", states: ["RUNNING"], maxReplicas: 1 })).toEqual(["r4"])
    p.add("RUNNING", r3)
    p.add("RUNNING", r4)
    expect(p.pop({ excludeVersion: "v1", states: ["RUNNING"] })).toEqual(["r3", "r4"])
    expect(p.pop({ excludeVersion: "v1", states: ["STARTING"] })).toEqual(["r2"])
    p.add("STARTING", r2)
    p.add("RUNNING", r3)
    p.add("RUNNING", r4)
    expect(p.pop({ excludeVersion: "v1", states: ["RUNNING", "STARTING"] })).toEqual(["r3", "r4", "r2"])
    expect(p.pop({ excludeVersion: "nonsense", states: ["STOPPING"] })).toEqual(["r1"])
  })
})

describe("remove and stop_replicas (PR #60832)", () => {
  const start = () =>
    deepFreeze(build([["RUNNING", r("a")], ["STARTING", r("b")], ["RUNNING", r("c")], ["STOPPING", r("d")]]))

  it("returns in state order then insertion order, ignores unknown ids, keeps the rest in place", () => {
    const c = start()
    const [removed, rest] = Container.remove(c, new Set(["c", "b", "zz"]))
    expect(ids(removed)).toEqual(["b", "c"])
    expect(ids(Container.get(rest, { states: ["RUNNING"] }))).toEqual(["a"])
    expect(ids(Container.get(rest, { states: ["STOPPING"] }))).toEqual(["d"])
    expect(Container.size(rest)).toBe(2)
    // The same whatever the argument is: a set, a list in any order, a generator.
    expect(ids(Container.remove(c, ["zz", "c", "b"])[0])).toEqual(["b", "c"])
    expect(ids(Container.remove(c, (function*() {
      yield "c"
      yield "b"
    })())[0])).toEqual(["b", "c"])
  })

  it("returns the very replica objects: nothing is copied, kept replicas are untouched", () => {
    const a = r("a")
    const c = deepFreeze(build([["RUNNING", a], ["RUNNING", r("c")]]))
    const [, rest] = Container.remove(c, ["c"])
    expect(Container.get(rest)[0]).toBe(a)
  })

  it("stop_replicas: removed replicas go to the end of STOPPING (new code: after those already stopping)", () => {
    const c = deepFreeze(build([["STOPPING", r("d")], ["RUNNING", r("a")], ["RUNNING", r("c")]]))
    const [removed, rest] = Container.remove(c, ["a"])
    const stopped = removed.reduce((acc, replica) => Container.add(acc, "STOPPING", replica), rest)
    expect(ids(Container.get(stopped, { states: ["STOPPING"] }))).toEqual(["d", "a"])
    expect(ids(Container.get(stopped, { states: ["RUNNING"] }))).toEqual(["c"])
    // transition does the same in one step.
    const moved = Container.transition(c, "a", "STOPPING")
    expect(ids(Container.get(moved, { states: ["STOPPING"] }))).toEqual(["d", "a"])
  })

  it("removing many ids at once (the linear-pass path) gives the same answer as one by one", () => {
    const replicas = Array.from({ length: 200 }, (_, i) => r(`x${i}`, i % 3 === 0 ? "v1" : "v2"))
    const states = Container.ALL_REPLICA_STATES
    const c = deepFreeze(build(replicas.map((x, i) => [states[(i * 7) % 6] as Container.ReplicaState, x] as const)))
    const wanted = replicas.filter((_, i) => i % 2 === 0).map((x) => x.id).reverse()
    const [removed, rest] = Container.remove(c, wanted)
    const expected = states.flatMap((s) => Container.get(c, { states: [s] }).filter((x) => wanted.includes(x.id)))
    expect(removed).toEqual(expected)
    expect(Container.size(rest)).toBe(100)
    expect(Container.get(rest).every((x) => !wanted.includes(x.id))).toBe(true)
    const [all, none] = Container.remove(c, replicas.map((x) => x.id))
    expect(all).toHaveLength(200)
    expect(Container.size(none)).toBe(0)
  })
})

describe("an operation that changes nothing answers the very container it was given", () => {
  // Callers tell a change from none by identity (the lifecycle's settled tick does), so a no-op must not copy.
  const c = deepFreeze(build([["RUNNING", r("a", "v1")], ["STOPPING", r("b", "v2")]]))

  it("pop taking nothing: no room, every replica excluded, or only empty states", () => {
    expect(Container.pop(c, { maxReplicas: 0 })).toEqual([[], c])
    expect(Container.pop(c, { maxReplicas: 0 })[1]).toBe(c)
    expect(Container.pop(c, { states: ["RUNNING"], excludeVersion: "v1" })[1]).toBe(c)
    expect(Container.pop(c, { states: ["STARTING", "UPDATING"] })[1]).toBe(c)
    expect(Container.pop(Container.empty())[1]).toBe(Container.empty())
  })

  it("remove of no id, of unknown ids, or from an empty container", () => {
    expect(Container.remove(c, [])[1]).toBe(c)
    expect(Container.remove(c, ["zz"])[1]).toBe(c)
    expect(Container.remove(c, Array.from({ length: 40 }, (_, i) => `unknown${i}`))[1]).toBe(c)
    expect(Container.remove(Container.empty(), ["a"])[1]).toBe(Container.empty())
  })

  it("addAll of nothing", () => {
    expect(Container.addAll(c, "RUNNING", [])).toBe(c)
  })
})

describe("bad input: typed errors that name the item, and nothing changes", () => {
  const c = deepFreeze(build([["RUNNING", r("a")]]))
  const refusal = (f: () => unknown): Container.ContainerError => {
    const result = Either.try({ try: f, catch: (e) => e })
    if (Either.isRight(result)) throw new Error("expected a refusal")
    if (!Container.isContainerError(result.left)) throw new Error(`not a container error: ${String(result.left)}`)
    return result.left
  }

  it("unknown state", () => {
    const e = refusal(() => Container.add(c, "STOPPED" as never, r("b")))
    expect(e._tag).toBe("InvalidReplicaState")
    expect(e.message).toBe(`replicore/container.add: "STOPPED" is not a replica state`)
    expect(refusal(() => Container.get(c, { states: ["RUNNING", "nope" as never] }))._tag).toBe("InvalidReplicaState")
  })

  it("duplicate id, whatever the state", () => {
    const e = refusal(() => Container.add(c, "STARTING", r("a", "v2")))
    expect(e).toBeInstanceOf(Container.DuplicateReplica)
    expect(e.message).toContain(`"a"`)
    expect(e.message).toContain("RUNNING")
  })

  it.each([-1, Number.NaN, 1.5, -Infinity])("maxReplicas %s", (value) => {
    const e = refusal(() => Container.pop(c, { maxReplicas: value }))
    expect(e._tag).toBe("InvalidMaxReplicas")
    expect(e.message).toMatch(/^replicore\/container\.pop: maxReplicas/)
  })

  it("a replica without a string id or version: the error names the operation, the value and what is wrong", () => {
    const invalid = (operation: string, replica: unknown, reason: string) => ({ _tag: "InvalidReplica", operation, replica, reason })
    expect(refusal(() => Container.add(c, "RUNNING", { id: 1, version: "v1" } as never))).toMatchObject(
      invalid("add", { id: 1, version: "v1" }, "id must be a string")
    )
    expect(refusal(() => Container.add(c, "RUNNING", { version: "v1" } as never))).toMatchObject(
      invalid("add", { version: "v1" }, "id must be a string")
    )
    expect(refusal(() => Container.addAll(c, "RUNNING", [{ id: "b" }] as never))).toMatchObject(
      invalid("addAll", { id: "b" }, "version must be a string")
    )
    expect(refusal(() => Container.add(c, "RUNNING", null as never))).toMatchObject(invalid("add", null, "expected a record"))
    expect(refusal(() => Container.add(c, "RUNNING", "a" as never)).message).toBe(
      `replicore/container.add: invalid replica "a": expected a record`
    )
    expect(refusal(() => Container.remove(c, [3] as never))).toMatchObject(invalid("remove", 3, "an id must be a string"))
    expect(refusal(() => Container.remove(c, 3 as never))).toMatchObject(invalid("remove", 3, "ids must be an iterable of strings"))
    expect(refusal(() => Container.addAll(c, "RUNNING", 3 as never))).toMatchObject(invalid("addAll", 3, "replicas must be an iterable"))
  })

  it("addAll with an id already present, or given twice, adds none of them", () => {
    const present = refusal(() => Container.addAll(c, "STOPPING", [r("b"), r("a")]))
    expect(present).toBeInstanceOf(Container.DuplicateReplica)
    expect(present.message).toBe(`replicore/container.addAll: replica "a" is already in the container (in RUNNING)`)
    const twice = refusal(() => Container.addAll(c, "STOPPING", [r("b"), r("x"), r("b")]))
    // Given twice: the state it was being added to is the one it would have been in.
    expect(twice).toMatchObject({ _tag: "DuplicateReplica", operation: "addAll", id: "b", existingState: "STOPPING" })
    expect(twice.message).toBe(`replicore/container.addAll: replica "b" is already in the container (in STOPPING)`)
    expect(Container.size(c)).toBe(1)
    expect(ids(Container.get(Container.addAll(c, "STOPPING", [r("b"), r("x")])))).toEqual(["a", "b", "x"])
  })

  it("transition of an unknown id", () => {
    const e = refusal(() => Container.transition(c, "ghost", "STOPPING"))
    expect(e._tag).toBe("UnknownReplica")
    expect(e.message).toBe(`replicore/container.transition: no replica with id "ghost"`)
  })

  it("a version filter that is not a string", () => {
    const e = refusal(() => Container.pop(c, { excludeVersion: 2 as never }))
    expect(e._tag).toBe("InvalidVersionFilter")
    expect(e.message).toBe("replicore/container.pop: excludeVersion must be a string, got 2")
  })

  it("look-ups answer absent for a value that is not a string id", () => {
    expect(Container.stateOf(c, null as never)).toBeUndefined()
    expect(Container.has(c, 7 as never)).toBe(false)
  })

  it("the refused container is unchanged (it is frozen, and still answers the same)", () => {
    expect(ids(Container.get(c))).toEqual(["a"])
    expect(Container.stateOf(c, "a")).toBe("RUNNING")
  })
})

/**
 * Every operation throws only the errors of its declared union: each tag list
 * below is checked against the union by the compiler (a missing or foreign tag
 * does not type-check), and each bad call must throw one of them, with a
 * message that starts with the operation's name and names the item.
 */
describe("each operation throws exactly its declared errors", () => {
  const c = deepFreeze(build([["RUNNING", r("a")]]))
  type Tags<E extends { readonly _tag: string }> = { readonly [K in E["_tag"]]: true }
  const add: Tags<Container.AddError> = { InvalidReplicaState: true, InvalidReplica: true, DuplicateReplica: true }
  const get: Tags<Container.GetError> = { InvalidReplicaState: true }
  const pop: Tags<Container.PopError> = { InvalidReplicaState: true, InvalidVersionFilter: true, InvalidMaxReplicas: true }
  const count: Tags<Container.CountError> = {
    InvalidReplicaState: true,
    InvalidVersionFilter: true,
    ConflictingVersionFilters: true
  }
  const remove: Tags<Container.RemoveError> = { InvalidReplica: true }
  const transition: Tags<Container.TransitionError> = { InvalidReplica: true, InvalidReplicaState: true, UnknownReplica: true }
  const cases: ReadonlyArray<readonly [string, Record<string, true>, () => unknown, string]> = [
    ["add", add, () => Container.add(c, "GONE" as never, r("b")), `"GONE"`],
    ["add", add, () => Container.add(c, "RUNNING", { id: "b" } as never), `"b"`],
    ["add", add, () => Container.add(c, "RUNNING", r("a")), `"a"`],
    ["addAll", add, () => Container.addAll(c, "GONE" as never, [r("b")]), `"GONE"`],
    ["addAll", add, () => Container.addAll(c, "RUNNING", 5 as never), "5"],
    ["addAll", add, () => Container.addAll(c, "RUNNING", [r("b"), { id: 3 } as never]), `{"id":3}`],
    ["addAll", add, () => Container.addAll(c, "RUNNING", [r("b"), r("b")]), `"b"`],
    ["get", get, () => Container.get(c, { states: ["GONE" as never] }), `"GONE"`],
    ["get", get, () => Container.get(c, { states: "RUNNING" as never }), `"RUNNING"`],
    ["pop", pop, () => Container.pop(c, { states: ["GONE" as never] }), `"GONE"`],
    ["pop", pop, () => Container.pop(c, { excludeVersion: null as never }), "null"],
    ["pop", pop, () => Container.pop(c, { maxReplicas: -2 }), "-2"],
    ["count", count, () => Container.count(c, { states: ["GONE" as never] }), `"GONE"`],
    ["count", count, () => Container.count(c, { version: 1 as never }), "version must be a string, got 1"],
    ["count", count, () => Container.count(c, { excludeVersion: 3 as never }), "excludeVersion must be a string, got 3"],
    ["count", count, () => Container.count(c, { version: "v1", excludeVersion: "v9" } as never), `"v9"`],
    ["remove", remove, () => Container.remove(c, null as never), "null"],
    ["remove", remove, () => Container.remove(c, ["a", 4] as never), "4"],
    ["remove", remove, () => Container.remove(c, new Set(["a", 5]) as never), "5"],
    ["transition", transition, () => Container.transition(c, 4 as never, "RUNNING"), "4"],
    ["transition", transition, () => Container.transition(c, "a", "GONE" as never), `"GONE"`],
    ["transition", transition, () => Container.transition(c, "zz", "RUNNING"), `"zz"`]
  ]

  it.each(cases)("%s refuses with one of its errors (%#)", (operation, declared, call, item) => {
    const result = Either.try({ try: call, catch: (e) => e })
    if (Either.isRight(result)) throw new Error("expected a refusal")
    const e = result.left
    if (!Container.isContainerError(e)) throw new Error(`${operation} threw something else: ${String(e)}`)
    expect(Object.keys(declared)).toContain(e._tag)
    expect(e.message.startsWith(`replicore/container.${operation}: `)).toBe(true)
    expect(e.message).toContain(item)
    expect(ids(Container.get(c))).toEqual(["a"])
  })
})
