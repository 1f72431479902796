/**
 * The field schemas shared by snapshots, options and plans. Each carries a
 * `description` that a problem line quotes ("must be a non-negative integer,
 * got -1"), and every integer is a safe integer: beyond ±(2^53 − 1) a value
 * is refused as out of range rather than silently rounded.
 */
import { Schema } from "effect"
import { show } from "./problems.js"

const outOfRange = (n: number): string =>
  `${show(n)} is beyond the safe integer range (${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER})`

/** A safe integer of at least `min`; `description` says so in words. */
const integerFrom = (min: number, description: string) =>
  Schema.Number.pipe(Schema.filter((n) =>
    Number.isInteger(n) && !Number.isSafeInteger(n) ? outOfRange(n) : Number.isSafeInteger(n) && n >= min, { description }))

/** A safe integer ≥ 0: a resource quantity, `maxSurge`, a wave number after which a node is empty. */
export const NonNegativeInteger = integerFrom(0, "a non-negative integer")

/** A safe integer ≥ 1: `maxReplicasPerNode`, `maxConcurrentMigrations`, a step's wave. */
export const PositiveInteger = integerFrom(1, "an integer of at least 1")

/** Any safe integer: a seed. */
export const Integer = integerFrom(Number.MIN_SAFE_INTEGER, "an integer")

/** A finite number ≥ 0: a cost, a budget, a time in milliseconds. */
export const NonNegativeNumber = Schema.Number.pipe(
  Schema.filter((n) => Number.isFinite(n) && n >= 0, { description: "a non-negative finite number" })
)

/** An own key of a record. `__proto__` is refused: a decoded record could not hold it. */
const RecordKey = Schema.String.pipe(Schema.filter((key) => key !== "__proto__"))

/** Resource quantities by name: `{ CPU: 4000, memory: 16384, GPU: 1 }`. */
export const Resources = Schema.Record({ key: RecordKey, value: NonNegativeInteger }).annotations({
  description: "an object of non-negative integers"
})

/** Labels: names to strings. */
export const Labels = Schema.Record({ key: RecordKey, value: Schema.String }).annotations({
  description: "an object of strings"
})
