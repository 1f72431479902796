/**
 * A small adapter over benny, so the suites do not depend on its API (benny is
 * unmaintained; tinybench or mitata can replace it here alone). It measures
 * time per operation and, separately, bytes allocated per operation.
 */
import b from "benny"
import { performance, PerformanceObserver } from "node:perf_hooks"

/** A benchmark case: `prepare` runs once (untimed) and returns the operation to time (which may return a promise). */
export interface BenchCase {
  readonly name: string
  readonly prepare: () => () => unknown
}

export interface Measurement {
  readonly name: string
  readonly nsPerOp: number
  readonly opsPerSec: number
  /** Relative margin of error, in percent. */
  readonly rme: number
  readonly samples: number
  /** Bytes allocated per operation (heap growth over a batch with no collection in between). */
  readonly bytesPerOp: number
}

export interface SuiteOptions {
  /** Seconds each case may run for timing. */
  readonly maxTime: number
}

/** Times every case in one process, one after another, and measures its allocations. */
export const runSuite = async (
  name: string,
  cases: ReadonlyArray<BenchCase>,
  options: SuiteOptions
): Promise<ReadonlyArray<Measurement>> => {
  const summary = await b.suite(
    name,
    // A full collection before each case, so that no case pays for the garbage of the one before it.
    ...cases.map((c) =>
      b.add(c.name, () => {
        gc()
        return c.prepare()
      }, { maxTime: options.maxTime, minSamples: 5 })
    ),
    b.cycle()
  )
  const measurements: Array<Measurement> = []
  for (const c of cases) {
    const result = summary.results.find((r) => r.name === c.name)
    if (result === undefined) throw new Error(`benchmark ${c.name} produced no result`)
    measurements.push({
      name: c.name,
      nsPerOp: 1e9 / result.ops,
      opsPerSec: result.ops,
      rme: result.margin,
      samples: result.samples,
      bytesPerOp: await bytesPerOp(c.prepare())
    })
  }
  return measurements
}

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc
  if (collect === undefined) throw new Error("run the benchmarks with node --expose-gc (npm run bench)")
  collect()
}

/**
 * Heap growth per call over a batch of calls during which no collection ran
 * (a GC observer checks, its entries awaited; the batch shrinks until one fits between collections).
 */
const bytesPerOp = async (operation: () => unknown): Promise<number> => {
  let collections = 0
  const observer = new PerformanceObserver((list) => {
    collections += list.getEntries().length
  })
  observer.observe({ entryTypes: ["gc"] })
  try {
    const started = performance.now()
    await operation() // warm: lazily built structures are not counted; also times one call
    const oneCall = Math.max(performance.now() - started, 0.001)
    for (let batch = Math.min(256, Math.max(1, Math.floor(200 / oneCall))); batch >= 1; batch = Math.floor(batch / 2)) {
      gc()
      const seenBefore = collections
      const before = process.memoryUsage().heapUsed
      for (let i = 0; i < batch; i++) {
        const result = operation()
        if (result instanceof Promise) await result
      }
      const after = process.memoryUsage().heapUsed
      await new Promise((resolve) => setImmediate(resolve)) // GC entries arrive asynchronously
      if (collections === seenBefore && after >= before) return (after - before) / batch
    }
    return Number.NaN
  } finally {
    observer.disconnect()
  }
}
