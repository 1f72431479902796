/**
 * Load: 100,000 requests through 8 replica runtimes behind one router, with
 * 10 % aborted after selection and 10 % interrupted mid-flight. At the end
 * every replica is drained and every request is accounted for exactly once.
 */
import { Effect, Exit, Fiber, Random } from "effect"
import { describe, expect, it } from "vitest"
import { Runtime, Slots } from "../../src/index.js"

const REQUESTS = 100_000
const REPLICAS = 8
const CAPACITY = 16
const CONCURRENCY = 160

type Ending = "finished" | "rejected" | "aborted" | "interrupted"

describe(`load: ${REQUESTS} requests through ${REPLICAS} replica runtimes`, () => {
  it("drains every replica and accounts for every request exactly once", async () => {
    const program = Effect.gen(function*() {
      const runtimes = yield* Effect.forEach(Array.from({ length: REPLICAS }, (_, i) => i), (i) =>
        Runtime.Replica.make(`r${i}`, CAPACITY))
      const router = yield* Runtime.Router.make(
        runtimes.map((runtime, i) => ({ replicaId: `r${i}`, nodeId: `n${i}`, nodeIp: "10.0.0.1", port: 9000 + i, runtime })),
        "load"
      )
      const counts: Record<Ending, number> = { finished: 0, rejected: 0, aborted: 0, interrupted: 0 }
      let workDone = 0
      const request = (i: number) =>
        Effect.gen(function*() {
          const roll = yield* Random.nextIntBetween(0, 10)
          const work = Effect.zipRight(Effect.yieldNow(), Effect.sync(() => void workDone++))
          const life: Effect.Effect<Ending> = Effect.scoped(Effect.matchEffect(Runtime.Router.chooseReplica(router), {
            onFailure: () => Effect.succeed<Ending>("rejected"),
            onSuccess: (selection) =>
              roll === 0
                ? Effect.succeed<Ending>("aborted")
                : Effect.as(Effect.orDie(selection.dispatch(Slots.RequestId(`q${i}`), work)), "finished")
          }))
          if (roll !== 1) return yield* life
          const fiber = yield* Effect.fork(life)
          yield* Effect.yieldNow()
          yield* Fiber.interrupt(fiber)
          const exit = yield* Fiber.await(fiber)
          return Exit.isSuccess(exit) ? exit.value : "interrupted"
        })
      yield* Effect.forEach(
        Array.from({ length: REQUESTS }, (_, i) => i),
        (i) => Effect.map(request(i), (ending) => void counts[ending]++),
        { concurrency: CONCURRENCY, discard: true }
      )
      const states = yield* Effect.forEach(runtimes, Runtime.Replica.slotState)
      return { counts, states, workDone }
    })
    const { counts, states, workDone } = await Effect.runPromise(program.pipe(Effect.withRandom(Random.make(7))))
    for (const s of states) expect(Slots.isDrained(s)).toBe(true)
    expect(counts.finished + counts.rejected + counts.aborted + counts.interrupted).toBe(REQUESTS)
    expect(workDone).toBe(counts.finished)
    expect(counts.aborted).toBeGreaterThan(REQUESTS * 0.08)
    expect(counts.interrupted).toBeGreaterThan(0)
    expect(counts.finished).toBeGreaterThan(REQUESTS * 0.5)
  })
})
