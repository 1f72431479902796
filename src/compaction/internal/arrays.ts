/**
 * Typed arrays filled by a function of the index. `Int32Array.from(xs, f)`
 * walks its input through the iterator protocol, a hundred times slower than
 * a loop on 50,000 items (bench/compaction/budget.ts: starting a search).
 */

export const int32Of = (length: number, f: (i: number) => number): Int32Array => {
  const a = new Int32Array(length)
  for (let i = 0; i < length; i++) a[i] = f(i)
  return a
}

export const float64Of = (length: number, f: (i: number) => number): Float64Array => {
  const a = new Float64Array(length)
  for (let i = 0; i < length; i++) a[i] = f(i)
  return a
}

export const uint8Of = (length: number, f: (i: number) => number): Uint8Array => {
  const a = new Uint8Array(length)
  for (let i = 0; i < length; i++) a[i] = f(i)
  return a
}
