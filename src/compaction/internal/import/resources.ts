/**
 * Kubernetes resource lists (`{ cpu: "7910m", memory: "32Gi", "nvidia.com/gpu": "8" }`)
 * into the snapshot's integer units: `cpu` into milli-CPU named `CPU`;
 * `memory`, `ephemeral-storage` and `hugepages-*` into MiB under their own
 * names; every other resource (`pods`, `nvidia.com/gpu`, extended resources)
 * in whole units under its own name. Capacities round down and requests
 * round up, so a converted snapshot never claims room the node does not have.
 */
import type { Located } from "../problems.js"
import { type Quantity, type Rounding, toUnits } from "./quantity.js"

/** Bytes in one MiB. */
const MIB = 2n ** 20n

interface Unit {
  readonly name: string
  readonly perUnit: { readonly numerator: bigint; readonly denominator: bigint }
}

/** How a Kubernetes resource is named and counted in a snapshot. */
export const unitOf = (resource: string): Unit => {
  if (resource === "cpu") return { name: "CPU", perUnit: { numerator: 1000n, denominator: 1n } }
  if (resource === "memory" || resource === "ephemeral-storage" || resource.startsWith("hugepages-")) {
    return { name: resource, perUnit: { numerator: 1n, denominator: MIB } }
  }
  return { name: resource, perUnit: { numerator: 1n, denominator: 1n } }
}

/** Resource amounts by snapshot name, added up as they are read. */
export type Amounts = Record<string, number>

/**
 * Converts a parsed resource list found at `path`; a value beyond the safe
 * integer range once converted is a problem at its own path.
 */
export const convert = (
  list: Readonly<Record<string, Quantity>>,
  rounding: Rounding,
  path: ReadonlyArray<PropertyKey>,
  problems: Array<Located>
): Amounts => {
  const amounts: Amounts = {}
  for (const [resource, quantity] of Object.entries(list)) {
    const unit = unitOf(resource)
    const units = toUnits(quantity, unit.perUnit, rounding)
    if (units === undefined) problems.push({ path: [...path, resource], problem: "is beyond the safe integer range once converted" })
    else amounts[unit.name] = (amounts[unit.name] ?? 0) + units
  }
  return amounts
}

/** `a + b`, resource by resource. */
export const add = (a: Readonly<Amounts>, b: Readonly<Amounts>): Amounts => {
  const sum: Amounts = { ...a }
  for (const [name, amount] of Object.entries(b)) sum[name] = (sum[name] ?? 0) + amount
  return sum
}

/** The larger of `a` and `b`, resource by resource. */
export const max = (a: Readonly<Amounts>, b: Readonly<Amounts>): Amounts => {
  const larger: Amounts = { ...a }
  for (const [name, amount] of Object.entries(b)) larger[name] = Math.max(larger[name] ?? 0, amount)
  return larger
}

/** The amounts without their zero entries: a demand lists what it needs. */
export const nonZero = (a: Readonly<Amounts>): Amounts =>
  Object.fromEntries(Object.entries(a).filter(([, amount]) => amount !== 0))
