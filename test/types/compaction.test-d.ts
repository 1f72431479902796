/** Type tests of the compaction core: only validation makes a Snapshot; verify takes any plan from outside. */
import type { Either } from "effect"
import { expectAssignable, expectError, expectNotAssignable, expectType } from "tsd"
import { Compaction } from "../../dist/src/index.js"

// A Snapshot is branded: only validate / validateOrThrow make one, however right an object literal's shape.
const written = { nodes: [], deployments: [], replicas: [] }
expectNotAssignable<Compaction.Snapshot>(written)
expectNotAssignable<Compaction.Snapshot>({
  nodes: [{ id: "n1", capacity: { CPU: 4 }, cost: 1, releasable: true, acceptsIncoming: true }],
  deployments: [{ id: "d", demand: { CPU: 1 }, maxSurge: 1, migrationCost: 1 }],
  replicas: [{ id: "r1", deployment: "d", node: "n9", movable: true }]
})
expectError(Compaction.plan({ nodes: [], deployments: [], replicas: [] }))
expectError(Compaction.rayCompaction({ nodes: [], deployments: [], replicas: [] }))
expectError(Compaction.verify({ nodes: [], deployments: [], replicas: [] }, {}))
expectError(Compaction.decodePlan({ nodes: [], deployments: [], replicas: [] }, {}))

const snapshot = Compaction.validateOrThrow(written)
expectType<Compaction.Snapshot>(snapshot)
expectType<Either.Either<Compaction.Snapshot, Compaction.InvalidSnapshot>>(Compaction.validate(JSON.parse("{}")))
expectType<Compaction.Plan>(Compaction.plan(snapshot))
// The snapshot as written is typed: a wrong field does not compile.
expectError(Compaction.validateOrThrow({ nodes: 5, deployments: [], replicas: [] }))
// Defaults are filled in.
declare const node: Compaction.Snapshot["nodes"][number]
expectType<boolean>(node.releasable)
expectType<number>(node.cost)

// verify and decodePlan take a plan from outside, as `unknown`, and answer with a typed error.
const verdict = Compaction.verify(snapshot, JSON.parse("{}") as unknown)
expectType<Either.Either<Compaction.Verified, Compaction.VerifyError>>(verdict)
expectType<Either.Either<Compaction.Plan, Compaction.InvalidPlan>>(Compaction.decodePlan(snapshot, 42))
expectAssignable<Compaction.VerifyError>(new Compaction.InvalidPlan({ problems: [] }))
declare const failure: Compaction.VerifyError
if (failure._tag === "InvalidPlan") expectType<ReadonlyArray<Compaction.InputProblem>>(failure.problems)
else expectType<Compaction.VerifiedInvariant>(failure.invariant)
