/**
 * Kubernetes resource quantities (`7910m`, `8`, `32Gi`, `30631508Ki`, `1e3`,
 * `500M`, `0.5`), read exactly: a quantity is a decimal number times a suffix
 * (binary `Ki`…`Ei`, decimal `n`, `u`, `m`, `k`, `M`…`E`, or an exponent
 * `e<n>`/`E<n>`), kept as a fraction of two big integers so that nothing is
 * rounded before the conversion to the snapshot's integer unit.
 */

/** An exact non-negative value: `numerator / denominator`. */
export interface Quantity {
  readonly numerator: bigint
  readonly denominator: bigint
}

const GRAMMAR = /^([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/

const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }
/** Powers of ten by suffix; no suffix at all is a plain number (10⁰). */
const DECIMAL: Readonly<Record<string, number>> = { "": 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }

/** Exponents beyond this are not quantities a cluster holds (Kubernetes itself caps them far lower). */
const MAX_EXPONENT = 60

const pow = (base: bigint, exponent: number): bigint => base ** BigInt(exponent)

/**
 * Parses a quantity, or answers why it is not one (in words, for a problem
 * line). Negative quantities are refused: no capacity or request is negative.
 */
export const parse = (text: string): Quantity | string => {
  const match = GRAMMAR.exec(text)
  if (match === null) return `must be a Kubernetes quantity (such as 500m, 2, 32Gi, 1e3), got ${JSON.stringify(text)}`
  const [, sign, number = "", suffix = ""] = match
  const [, fraction = ""] = number.split(".")
  let numerator = BigInt(number.replace(".", ""))
  let denominator = pow(10n, fraction.length)
  if (sign === "-" && numerator !== 0n) return `must not be negative, got ${JSON.stringify(text)}`
  if (suffix in BINARY) numerator *= pow(2n, BINARY[suffix] ?? 0)
  else {
    const exponent = suffix in DECIMAL ? DECIMAL[suffix] ?? 0 : Number(suffix.slice(1))
    if (Math.abs(exponent) > MAX_EXPONENT) return `has an exponent beyond ±${MAX_EXPONENT}, got ${JSON.stringify(text)}`
    if (exponent >= 0) numerator *= pow(10n, exponent)
    else denominator *= pow(10n, -exponent)
  }
  return { numerator, denominator }
}

/** Which way a value between two units goes: capacities down (never claim what is not there), requests up. */
export type Rounding = "down" | "up"

/**
 * `quantity × perUnit.numerator / perUnit.denominator` as a whole number of
 * units, rounded as asked, or `undefined` beyond the safe integer range.
 */
export const toUnits = (
  quantity: Quantity,
  perUnit: { readonly numerator: bigint; readonly denominator: bigint },
  rounding: Rounding
): number | undefined => {
  const numerator = quantity.numerator * perUnit.numerator
  const denominator = quantity.denominator * perUnit.denominator
  const whole = numerator / denominator
  const units = rounding === "up" && whole * denominator !== numerator ? whole + 1n : whole
  return units <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(units) : undefined
}
