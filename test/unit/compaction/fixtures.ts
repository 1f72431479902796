/** Shared fixtures of the compaction unit tests: small clusters written tersely. */
import { Either } from "effect"
import { expect } from "vitest"
import { fromSnapshot, type Instance } from "../../../src/compaction/internal/instance.js"
import { Compaction } from "../../../src/index.js"

type Plan = Compaction.Plan

/** Nodes `{ id: capacity }`, deployments `{ id: demand }`, replicas `[deployment, node]`. */
export const cluster = (
  nodes: Record<string, Record<string, number>>,
  deployments: Record<string, Record<string, number>>,
  replicas: ReadonlyArray<readonly [string, string]>,
  extra: { readonly head?: string; readonly surge?: number } = {}
) =>
  Compaction.validateOrThrow({
    nodes: Object.entries(nodes).map(([id, capacity]) => ({ id, capacity, releasable: id !== extra.head })),
    deployments: Object.entries(deployments).map(([id, demand]) => ({ id, demand, maxSurge: extra.surge ?? 8 })),
    replicas: replicas.map(([deployment, node], i) => ({ id: `r${i}`, deployment, node }))
  })

/** The planner's dense view of a snapshot given as input (validated first): for the tests of its internals. */
export const instanceOf = (input: Compaction.SnapshotInput): Instance => fromSnapshot(Compaction.validateOrThrow(input))

/** The node Ray compacts first: the node emptied by the first wave. */
export const firstCompacted = (plan: Plan): string | undefined => plan.released.find((r) => r.afterWave === 1)?.node

/** The plan, after `verify` accepted it (throws the violation otherwise). */
export const verified = (s: Compaction.Snapshot, plan: Plan): Plan => {
  const verdict = Compaction.verify(s, plan)
  if (Either.isLeft(verdict)) throw verdict.left
  return plan
}

/** Every path to a value inside a JSON value. */
export const pathsOf = (value: unknown, prefix: ReadonlyArray<string | number> = []): Array<ReadonlyArray<string | number>> => {
  if (typeof value !== "object" || value === null) return [prefix]
  const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)
  return [prefix, ...keys.flatMap((k) => pathsOf((value as Record<string | number, unknown>)[k], [...prefix, k]))]
}

/** A JSON value with the value at `path` replaced by `by` (a new value; the input is left as it is). */
export const replaced = (value: unknown, path: ReadonlyArray<string | number>, by: unknown): unknown => {
  if (path.length === 0) return by
  const [head, ...rest] = path as [string | number, ...Array<string | number>]
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaced(v, rest, by) : v))
  return { ...(value as object), [head]: replaced((value as Record<string | number, unknown>)[head], rest, by) }
}

/** A path as a problem names it: `lists[0].items[2].metadata.labels["app.kubernetes.io/name"]`. */
const shownPath = (path: ReadonlyArray<string | number>): string =>
  path.map((k) => (typeof k === "number" ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`)).join("").replace(/^\./, "")

/** Expects an import refused with a problem at `path` or below it (the quoted ids problems add to items left out). */
export const expectRefusedAt = (result: Either.Either<unknown, { readonly problems: ReadonlyArray<{ readonly item: string }> }>, path: ReadonlyArray<string | number>): void => {
  expect(Either.isLeft(result)).toBe(true)
  const items = Either.isLeft(result) ? result.left.problems.map((p) => p.item.replace(/ \("[^"]*"\)/g, "")) : []
  expect(items.some((item) => item.startsWith(shownPath(path))), `${shownPath(path)} in ${items.join(", ")}`).toBe(true)
}
