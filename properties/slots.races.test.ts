/**
 * Races in the Effect runtime: fast-check draws clients that reserve and
 * dispatch, reserve and abort, fail, handle directly (with or without
 * rejection), get interrupted at any time, and replicas that leave the routing
 * set; effect's TestClock interleaves them. After every run: every replica is
 * drained (no permit leaked), no token was consumed twice (the core would
 * have died), and every client is accounted for exactly once.
 */
import { Cause, Duration, Effect, Exit, Fiber, Random, TestClock, TestContext } from "effect"
import fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"
import { Runtime, type Selection, Slots } from "../src/index.js"
import { writeReport } from "./support/report.js"
import { propertyParameters, SEED } from "./support/settings.js"

type Kind = "dispatch" | "abort" | "fail" | "handle" | "handle-reject"

interface Client {
  readonly kind: Kind
  readonly delay: number
  readonly work: number
  /** Interrupted this many ms after it starts, if set. */
  readonly interruptAfter?: number
}

interface Scenario {
  readonly capacities: ReadonlyArray<number>
  readonly clients: ReadonlyArray<Client>
  /** Replica 0 leaves the routing set at this time, if set. */
  readonly leaveAt?: number
  readonly seed: number
}

const client: fc.Arbitrary<Client> = fc.record(
  {
    kind: fc.constantFrom<Kind>("dispatch", "abort", "fail", "handle", "handle-reject"),
    delay: fc.nat(6),
    work: fc.nat(6),
    interruptAfter: fc.nat(8)
  },
  { requiredKeys: ["kind", "delay", "work"] }
)

const scenario: fc.Arbitrary<Scenario> = fc.record(
  {
    capacities: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
    clients: fc.array(client, { minLength: 1, maxLength: 14 }),
    leaveAt: fc.nat(10),
    seed: fc.integer()
  },
  { requiredKeys: ["capacities", "clients", "seed"] }
)

type Ending = "finished" | "failed" | "rejected" | "aborted" | "unavailable" | "interrupted"

const endings = new Map<Ending, number>()
let runsDone = 0
let clientsRun = 0

/** One client's life; it ends in exactly one way. */
const live = (
  c: Client,
  i: number,
  router: Runtime.Router.Router,
  direct: Runtime.Replica.ReplicaRuntime
): Effect.Effect<Ending, never> => {
  const id = Slots.RequestId(`req-${i}`)
  const work = Effect.sleep(Duration.millis(c.work))
  /** Choose a replica, think for a while (the routing set may change meanwhile), then act on the selection. */
  const viaRouter = (then: (s: Selection.ReservedSelection) => Effect.Effect<Ending, never>) =>
    Effect.scoped(Effect.matchEffect(Runtime.Router.chooseReplica(router), {
      onFailure: () => Effect.succeed<Ending>("rejected"),
      onSuccess: (s) => Effect.zipRight(Effect.sleep(Duration.millis(c.work)), then(s))
    }))
  const body: Effect.Effect<Ending, never> = (() => {
    switch (c.kind) {
      case "dispatch":
      case "fail": {
        const dispatched = c.kind === "fail" ? Effect.zipRight(work, Effect.fail("boom" as const)) : work
        return viaRouter((s) =>
          Effect.match(s.dispatch(id, dispatched), {
            onFailure: (e) => (e !== "boom" && e._tag === "ReplicaUnavailable" ? "unavailable" : "failed"),
            onSuccess: () => "finished"
          })
        )
      }
      case "abort":
        return viaRouter(() => Effect.as(work, "aborted"))
      case "handle":
      case "handle-reject":
        return Effect.map(
          Effect.orDie(Runtime.Replica.handle(direct, id, work, { reject: c.kind === "handle-reject" })),
          (r) => (r instanceof Runtime.Replica.Rejected ? "rejected" : "finished")
        )
    }
  })()
  return Effect.zipRight(Effect.sleep(Duration.millis(c.delay)), body)
}

const runScenario = (sc: Scenario) =>
  Effect.gen(function*() {
    const runtimes = yield* Effect.forEach(sc.capacities, (cap, i) => Runtime.Replica.make(`r${i}`, cap))
    const routed = runtimes.map((runtime, i) => ({ replicaId: `r${i}`, nodeId: `n${i}`, nodeIp: "10.0.0.1", port: i, runtime }))
    const router = yield* Runtime.Router.make(routed, "router")
    const fibers = yield* Effect.forEach(sc.clients, (c, i) =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(live(c, i, router, runtimes[i % runtimes.length] as Runtime.Replica.ReplicaRuntime))
        if (c.interruptAfter !== undefined) {
          yield* Effect.fork(Effect.zipRight(Effect.sleep(Duration.millis(c.delay + c.interruptAfter)), Fiber.interrupt(fiber)))
        }
        return fiber
      }))
    if (sc.leaveAt !== undefined) {
      yield* Effect.fork(Effect.zipRight(Effect.sleep(Duration.millis(sc.leaveAt)), Runtime.Router.setReplicas(router, routed.slice(1))))
    }
    yield* TestClock.adjust(Duration.millis(60))
    const exits = yield* Effect.forEach(fibers, Fiber.await)
    const snapshots = yield* Effect.forEach(runtimes, Runtime.Replica.slotState)
    return { exits, snapshots }
  }).pipe(Effect.withRandom(Random.make(sc.seed)), Effect.provide(TestContext.TestContext))

const parameters = propertyParameters(150)

describe(`slot runtime races (seed ${SEED}, ${parameters.numRuns} runs)`, () => {
  it("every replica drains, no token is consumed twice, every client ends exactly one way, and every ending occurs", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        runsDone++
        const { exits, snapshots } = await Effect.runPromise(runScenario(sc))
        for (const s of snapshots) {
          expect(Slots.numOngoing(s)).toBe(0)
          expect(Slots.isDrained(s)).toBe(true)
        }
        expect(exits).toHaveLength(sc.clients.length)
        for (const exit of exits) {
          if (Exit.isSuccess(exit)) {
            endings.set(exit.value, (endings.get(exit.value) ?? 0) + 1)
          } else {
            // The only way a client may end without an answer is interruption; a defect would be a core refusal.
            expect(Cause.isInterruptedOnly(exit.cause), Cause.pretty(exit.cause)).toBe(true)
            endings.set("interrupted", (endings.get("interrupted") ?? 0) + 1)
          }
          clientsRun++
        }
      }),
      parameters
    )
    // Vacuity floor, in proportion to the budget: the runs covered every ending.
    for (const ending of ["finished", "failed", "rejected", "aborted", "unavailable", "interrupted"] as const) {
      expect(endings.get(ending) ?? 0, ending).toBeGreaterThan(parameters.numRuns / 30)
    }
  })
})

afterAll(() => {
  if (runsDone === 0) return
  writeReport({
    check: "properties/slots.races.test.ts › runtime races",
    core: "slots",
    kind: "race",
    bound: `seed ${SEED}, ${runsDone} runs of ≤ 14 concurrent clients on 1–3 replicas (TestClock)`,
    seed: SEED,
    runs: runsDone,
    commands: clientsRun,
    // Checked at the end of every run: no token used twice (S3: the core would have died) and every replica drained (S5).
    evaluations: { S3: runsDone, S5: runsDone }
  })
})
