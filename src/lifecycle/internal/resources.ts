/**
 * Resource vectors: quantities by resource index (a missing index reads as 0),
 * and Ray's `Resources` priority order (GPU, then CPU, then memory, then every
 * other resource by name), in which best fit and "larger" are decided.
 */
import { Order } from "effect"

/** Quantities by resource index; a missing index reads as 0. */
export type Vector = ReadonlyArray<number>

/** Ray's rank of a resource name: GPU first, then CPU, then memory, then the rest. */
const rank = (name: string): number => (name === "GPU" ? 0 : name === "CPU" ? 1 : name === "memory" ? 2 : 3)

/** Ray's priority order of resource names: by rank, then by name. */
const byPriority: Order.Order<string> = Order.combine(Order.mapInput(Order.number, rank), Order.string)

/** The resource indices in Ray's priority order. */
export const priorityOrder = (names: ReadonlyArray<string>): ReadonlyArray<number> =>
  names.map((_, k) => k).sort(Order.mapInput(byPriority, (k: number) => names[k] ?? ""))

/** The names, extended by any new name in `resources`. */
export const withNames = (names: ReadonlyArray<string>, resources: Readonly<Record<string, number>>): ReadonlyArray<string> => {
  const added = Object.keys(resources).filter((name) => !names.includes(name)).sort()
  return added.length === 0 ? names : [...names, ...added]
}

/** A record of quantities as a vector over `names`. */
export const toVector = (names: ReadonlyArray<string>, resources: Readonly<Record<string, number>>): Vector =>
  names.map((name) => resources[name] ?? 0)

/** A vector as a record, without the zero entries. */
export const toRecord = (names: ReadonlyArray<string>, vector: Vector): Record<string, number> => {
  const out: Record<string, number> = {}
  names.forEach((name, k) => {
    const v = vector[k] ?? 0
    if (v !== 0) out[name] = v
  })
  return out
}

/** `a + sign × b`, over `n` resources. */
export const addScaled = (a: Vector, b: Vector, sign: 1 | -1, n: number): Vector => {
  const out: Array<number> = []
  for (let k = 0; k < n; k++) out.push((a[k] ?? 0) + sign * (b[k] ?? 0))
  return out
}

/** Whether `need` fits in `capacity − used` on every resource. */
export const fits = (capacity: Vector, used: Vector, need: Vector, n: number): boolean => {
  for (let k = 0; k < n; k++) if ((capacity[k] ?? 0) - (used[k] ?? 0) < (need[k] ?? 0)) return false
  return true
}

/** Compares `capacity − used` of two nodes in priority order: negative when the first has less left. */
export const compareLeft = (
  order: ReadonlyArray<number>,
  capA: Vector,
  usedA: Vector,
  capB: Vector,
  usedB: Vector
): number => {
  for (const k of order) {
    const d = ((capA[k] ?? 0) - (usedA[k] ?? 0)) - ((capB[k] ?? 0) - (usedB[k] ?? 0))
    if (d !== 0) return d
  }
  return 0
}

/** Compares two vectors in priority order: negative when `a` is smaller. */
export const compare = (order: ReadonlyArray<number>, a: Vector, b: Vector): number => {
  for (const k of order) {
    const d = (a[k] ?? 0) - (b[k] ?? 0)
    if (d !== 0) return d
  }
  return 0
}
