/**
 * The slot benchmark. Pure core: reserve → start(token) → finish cycles, and
 * start → finish without a token, against a plain mutable reference (a class
 * with a counter and a Set) in the same process. Effect runtime: `handle`
 * throughput against effect's `Semaphore.withPermits` and async-mutex's
 * `Semaphore`, and memory per waiting request. Writes docs/bench/slots.json and slots.md.
 *
 * `npm run bench` (or `-- --quick` for a short smoke run that checks nothing about speed).
 */
import { Semaphore as MutexSemaphore } from "async-mutex"
import { Deferred, Effect, Fiber } from "effect"
import { mkdirSync, writeFileSync } from "node:fs"
import { Runtime, Slots } from "../../src/index.js"
import { type BenchCase, type Measurement, runSuite } from "../adapter.js"

const quick = process.argv.includes("--quick")
const MAX_TIME = quick ? 0.05 : 0.5
const CAPACITY = 8
/** Requests already running while the cycles run, so that the sets are not trivially small. */
const BACKGROUND = 4
const BATCH = 1000

/** The mutable reference: a permit counter, a Set of live tokens, a Set of running requests, a FIFO array. */
class MutableSlots {
  inUse = 0
  readonly reserved = new Set<string>()
  readonly running = new Set<string>()
  readonly queue: Array<string> = []
  constructor(readonly capacity: number) {}
  reserve(token: string): boolean {
    if (this.inUse >= this.capacity || this.queue.length > 0 || this.reserved.has(token)) return false
    this.reserved.add(token)
    this.inUse++
    return true
  }
  start(requestId: string, token?: string): "started" | "queued" {
    if (token !== undefined) {
      if (!this.reserved.delete(token)) throw new Error("unknown token")
      this.running.add(requestId)
      return "started"
    }
    if (this.inUse < this.capacity && this.queue.length === 0) {
      this.inUse++
      this.running.add(requestId)
      return "started"
    }
    this.queue.push(requestId)
    return "queued"
  }
  finish(requestId: string): void {
    this.running.delete(requestId)
    const next = this.queue.shift()
    if (next === undefined) this.inUse--
    else this.running.add(next)
  }
}

const T = Slots.SlotToken("token")
const Q = Slots.RequestId("request")

/** A pure state with the background requests running. */
const busyState = (): Slots.SlotState => {
  let s = Slots.make(CAPACITY)
  for (let i = 0; i < BACKGROUND; i++) s = Slots.start(s, Slots.RequestId(`bg${i}`)).state
  return s
}

/** A mutable reference with the background requests running. */
const busyReference = (): MutableSlots => {
  const m = new MutableSlots(CAPACITY)
  for (let i = 0; i < BACKGROUND; i++) m.start(`bg${i}`)
  return m
}

const pureCases: ReadonlyArray<BenchCase> = [
  {
    name: "pure core: reserve → start(token) → finish",
    prepare: () => {
      const base = busyState()
      return () => Slots.finish(Slots.start(Slots.reserve(base, T).state, Q, { token: T }).state, Q).state
    }
  },
  {
    name: "mutable reference: reserve → start(token) → finish",
    prepare: () => {
      const m = busyReference()
      return () => {
        m.reserve("token")
        m.start("request", "token")
        m.finish("request")
        return m
      }
    }
  },
  {
    name: "pure core: start → finish",
    prepare: () => {
      const base = busyState()
      return () => Slots.finish(Slots.start(base, Q).state, Q).state
    }
  },
  {
    name: "mutable reference: start → finish",
    prepare: () => {
      const m = busyReference()
      return () => {
        m.start("request")
        m.finish("request")
        return m
      }
    }
  }
]

/**
 * BATCH concurrent requests through each admission mechanism. "uncontended":
 * the work is synchronous, so each request takes a free permit; "contended":
 * the work yields once, so requests queue behind the capacity.
 */
const runtimeCases = (contention: "uncontended" | "contended"): ReadonlyArray<BenchCase> => {
  const work = contention === "contended" ? Effect.yieldNow() : Effect.void
  return [
    {
      name: `replicore runtime handle, ${contention}: ${BATCH} requests`,
      prepare: () => {
        const rt = Effect.runSync(Runtime.Replica.make("bench", CAPACITY))
        let round = 0
        return () => {
          const ids = Array.from({ length: BATCH }, (_, i) => Slots.RequestId(`${round}/${i}`))
          round++
          return Effect.runPromise(
            Effect.forEach(ids, (id) => Runtime.Replica.handle(rt, id, work), { concurrency: "unbounded", discard: true })
          )
        }
      }
    },
    {
      name: `effect Semaphore.withPermits, ${contention}: ${BATCH} requests`,
      prepare: () => {
        const semaphore = Effect.runSync(Effect.makeSemaphore(CAPACITY))
        const program = Effect.forEach(
          Array.from({ length: BATCH }, (_, i) => i),
          () => semaphore.withPermits(1)(work),
          { concurrency: "unbounded", discard: true }
        )
        return () => Effect.runPromise(program)
      }
    },
    {
      name: `async-mutex Semaphore, ${contention}: ${BATCH} requests`,
      prepare: () => {
        const semaphore = new MutexSemaphore(CAPACITY)
        const task = contention === "contended" ? () => new Promise<void>((r) => setImmediate(r)) : () => undefined
        return () => Promise.all(Array.from({ length: BATCH }, () => semaphore.runExclusive(task)))
      }
    }
  ]
}

/**
 * Heap held per waiting request: N requests queued behind a full replica, a
 * full effect semaphore, or (the baseline: the fiber alone) a bare Deferred.
 */
const bytesPerWaiter = async (waiters: number, through: "replicore" | "effect" | "fiber"): Promise<number> => {
  const gc = (globalThis as { gc?: () => void }).gc as () => void
  const rt = Effect.runSync(Runtime.Replica.make("mem", 1))
  const semaphore = Effect.runSync(Effect.makeSemaphore(1))
  const gate = Effect.runSync(Deferred.make<void>())
  const request = (id: string, work: Effect.Effect<void>) =>
    through === "replicore"
      ? Runtime.Replica.handle(rt, Slots.RequestId(id), work)
      : through === "effect"
      ? semaphore.withPermits(1)(work)
      : Deferred.await(gate)
  const hog = Effect.runFork(request("hog", Effect.never))
  await new Promise((r) => setImmediate(r))
  gc()
  const before = process.memoryUsage().heapUsed
  const fibers = Array.from({ length: waiters }, (_, i) => Effect.runFork(request(`w${i}`, Effect.void)))
  await new Promise((r) => setTimeout(r, 100)) // every waiter has run up to its wait
  gc()
  const after = process.memoryUsage().heapUsed
  await Effect.runPromise(Fiber.interruptAll([hog, ...fibers]))
  return (after - before) / waiters
}

const pure = await runSuite("slots: pure core", pureCases, { maxTime: MAX_TIME })
const runtime = [
  ...(await runSuite("slots: runtime, uncontended", runtimeCases("uncontended"), { maxTime: MAX_TIME })),
  ...(await runSuite("slots: runtime, contended", runtimeCases("contended"), { maxTime: MAX_TIME }))
]
const WAITERS = quick ? 1000 : 20_000
const waiterBytes = await bytesPerWaiter(WAITERS, "replicore")
const semaphoreWaiterBytes = await bytesPerWaiter(WAITERS, "effect")
const fiberBytes = await bytesPerWaiter(WAITERS, "fiber")

const find = (ms: ReadonlyArray<Measurement>, prefix: string) => ms.find((m) => m.name.startsWith(prefix)) as Measurement
const ratio = (ours: Measurement, theirs: Measurement) => ours.nsPerOp / theirs.nsPerOp
const goals = [
  {
    goal: "pure reserve → start(token) → finish within 2× of the mutable reference",
    measured: ratio(find(pure, "pure core: reserve"), find(pure, "mutable reference: reserve")),
    limit: 2
  },
  {
    goal: "pure start → finish within 2× of the mutable reference",
    measured: ratio(find(pure, "pure core: start"), find(pure, "mutable reference: start")),
    limit: 2
  },
  ...(["uncontended", "contended"] as const).map((contention) => ({
    goal: `runtime handle, ${contention}, within 1.5× of effect's bare Semaphore.withPermits`,
    measured: ratio(find(runtime, `replicore runtime handle, ${contention}`), find(runtime, `effect Semaphore.withPermits, ${contention}`)),
    limit: 1.5
  })),
  {
    goal: "memory per waiting request < 1 KiB (beyond the waiting fiber itself)",
    measured: (waiterBytes - fiberBytes) / 1024,
    limit: 1
  }
].map((g) => ({ ...g, met: g.measured <= g.limit }))

const us = (ns: number) => (ns / 1000).toFixed(ns < 10_000 ? 3 : 0)
const markdown = [
  "# Slot reservation benchmark",
  "",
  `Generated by \`npm run bench\` on Node ${process.version}${quick ? " (quick smoke run)" : ""}; capacity ${CAPACITY}, ` +
  `${BACKGROUND} requests already running in the pure cases; runtime cases push ${BATCH} concurrent requests whose work is one yield. ` +
  "Ratios are replicore's time ÷ the reference's (lower is better).",
  "",
  "## Goals",
  "",
  "| goal | measured | limit | met |",
  "|---|---:|---:|---|",
  ...goals.map((g) => `| ${g.goal} | ${g.measured.toFixed(2)} | ${g.limit} | ${g.met ? "yes" : "**no**"} |`),
  "",
  "## Measurements",
  "",
  "| case | µs/op | ± % | KiB allocated/op |",
  "|---|---:|---:|---:|",
  ...[...pure, ...runtime].map((m) => `| ${m.name} | ${us(m.nsPerOp)} | ${m.rme.toFixed(1)} | ${(m.bytesPerOp / 1024).toFixed(2)} |`),
  "",
  `Heap held per waiting request (${WAITERS} waiters, fiber included): replicore runtime ${waiterBytes.toFixed(0)} bytes, ` +
  `effect Semaphore.withPermits ${semaphoreWaiterBytes.toFixed(0)} bytes, a bare fiber waiting on a Deferred ` +
  `${fiberBytes.toFixed(0)} bytes. The goal counts what the runtime adds to the waiting fiber: its queue and index ` +
  "entries and its wake-up.",
  ""
]
const file = quick ? "docs/bench/slots.quick" : "docs/bench/slots"
mkdirSync("docs/bench", { recursive: true })
writeFileSync(`${file}.json`, `${JSON.stringify({ node: process.version, quick, goals, pure, runtime, waiterBytes, semaphoreWaiterBytes, fiberBytes }, null, 2)}\n`)
writeFileSync(`${file}.md`, markdown.join("\n"))
console.log(`\n${goals.map((g) => `${g.met ? "met " : "MISS"}  ${g.goal}: ${g.measured.toFixed(2)}`).join("\n")}`)
console.log(`wrote ${file}.json and ${file}.md`)
