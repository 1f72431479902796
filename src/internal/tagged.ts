/**
 * A guard for an error union, built from its tags. The record must list every
 * tag of `E` and no other, so the compiler checks the guard against the union:
 * adding an error to a union without adding its tag here does not type-check.
 * The Effect adapters use these guards to put exactly an operation's declared
 * errors in their error channel, without a cast.
 *
 * @internal
 */
import { Predicate } from "effect"

/** Whether a value is one of the tagged errors of `E`, named by `tags`. */
export const isTaggedUnion = <E extends { readonly _tag: string }>(
  tags: { readonly [K in E["_tag"]]: true }
): Predicate.Refinement<unknown, E> => {
  const known: ReadonlyArray<string> = Object.keys(tags)
  return (u: unknown): u is E => known.some((tag) => Predicate.isTagged(u, tag))
}
