/** Type tests of the container's public types, run by tsd against the emitted declarations. */
import { expectAssignable, expectError, expectNotAssignable, expectType } from "tsd"
import { Container } from "../../dist/src/index.js"

interface Deployed {
  readonly id: string
  readonly version: string
  readonly node: string
}
const replica: Deployed = { id: "r1", version: "v1", node: "n1" }

// ReplicaState is a closed union of exactly the six states.
expectType<"STARTING" | "UPDATING" | "RECOVERING" | "RUNNING" | "STOPPING" | "PENDING_MIGRATION">(
  {} as Container.ReplicaState
)
expectNotAssignable<Container.ReplicaState>("STOPPED")
expectError(Container.add(Container.empty<Deployed>(), "STOPPED", replica))

// The container keeps its replica type through every operation.
const c = Container.add(Container.empty<Deployed>(), "RUNNING", replica)
expectType<Container.ReplicaContainer<Deployed>>(c)
expectType<ReadonlyArray<Deployed>>(Container.get(c))
expectType<Deployed>(Container.get(c)[0]!)
const [taken, rest] = Container.pop(c, { maxReplicas: 1 })
expectType<ReadonlyArray<Deployed>>(taken)
expectType<Container.ReplicaContainer<Deployed>>(rest)
const [removed] = Container.remove(c, ["r1"])
expectType<ReadonlyArray<Deployed>>(removed)
expectType<Container.ReplicaContainer<Deployed>>(Container.transition(c, "r1", "STOPPING"))
for (const r of c) expectType<Deployed>(r)

// A container of one replica type does not accept another.
interface Other {
  readonly id: string
  readonly version: string
  readonly zone: number
}
expectError(Container.add(c, "RUNNING", { id: "x", version: "v1", zone: 1 } as Other))
expectNotAssignable<Container.ReplicaContainer<Other>>(c)
// …but is usable where a container of a wider type is expected.
expectAssignable<Container.ReplicaContainer<Container.Replica>>(c)

// Results are readonly.
expectError(Container.get(c).push(replica))
expectError(taken.push(replica))
expectError(Container.pop(c)[0] = [])
expectError(Container.countByState(c).RUNNING = 3)

// A replica needs a string id and version.
expectError(Container.add(Container.empty(), "RUNNING", { id: 1, version: "v1" }))
expectError(Container.add(Container.empty(), "RUNNING", { id: "a" }))

// count takes one version filter, never both.
expectType<number>(Container.count(c, { version: "v1" }))
expectType<number>(Container.count(c, { excludeVersion: "v1", states: ["RUNNING"] }))
expectError(Container.count(c, { version: "v1", excludeVersion: "v2" }))

// Errors are tagged.
expectType<"DuplicateReplica">(new Container.DuplicateReplica({ operation: "add", id: "a", existingState: "RUNNING" })._tag)

// Each operation's error union is exactly what it throws (its `@throws`).
expectType<"InvalidReplicaState" | "InvalidReplica" | "DuplicateReplica">({} as Container.AddError["_tag"])
expectType<"InvalidReplicaState">({} as Container.GetError["_tag"])
expectType<"InvalidReplicaState" | "InvalidVersionFilter" | "InvalidMaxReplicas">({} as Container.PopError["_tag"])
expectType<"InvalidReplicaState" | "InvalidVersionFilter" | "ConflictingVersionFilters">({} as Container.CountError["_tag"])
expectType<"InvalidReplica">({} as Container.RemoveError["_tag"])
expectType<"InvalidReplica" | "InvalidReplicaState" | "UnknownReplica">({} as Container.TransitionError["_tag"])
expectType<
  | "InvalidReplicaState"
  | "InvalidReplica"
  | "DuplicateReplica"
  | "UnknownReplica"
  | "InvalidVersionFilter"
  | "InvalidMaxReplicas"
  | "ConflictingVersionFilters"
>({} as Container.ContainerError["_tag"])

// isContainerError narrows an unknown (a caught value) to the union.
declare const caught: unknown
if (Container.isContainerError(caught)) expectType<Container.ContainerError>(caught)
