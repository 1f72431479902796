/**
 * Keys with one chosen hash, for the hash trie's collision paths: FNV-1a's
 * last step is invertible, so after a prefix whose state has the right high
 * 16 bits one UTF-16 code unit lands exactly on the target (about 65,536
 * prefixes tried per key, a few milliseconds).
 */
import { hashOf } from "../../src/internal/stringMap.js"

const PRIME = 0x01000193

/** The inverse of FNV's prime modulo 2³² (Newton's iteration doubles the correct bits each round). */
const PRIME_INVERSE = (() => {
  let x = PRIME
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(PRIME, x))
  return x >>> 0
})()

/** A key beginning with `tag` whose hash is `target`. */
export const keyWithHash = (target: number, tag: string): string => {
  const before = Math.imul(target, PRIME_INVERSE) >>> 0
  for (let i = 0; ; i++) {
    const prefix = `${tag}${i}`
    const state = hashOf(prefix)
    if (state >>> 16 === before >>> 16) return prefix + String.fromCharCode((state ^ before) & 0xffff)
  }
}

/** `size` distinct keys sharing the hash of `seed`, `seed` first. */
export const collisionGroup = (seed: string, size: number): Array<string> => [
  seed,
  ...Array.from({ length: size - 1 }, (_, i) => keyWithHash(hashOf(seed), `${seed}~${i}~`))
]
