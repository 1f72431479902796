/**
 * Kubernetes selectors, matched as the scheduler and the disruption
 * controller match them: label selectors (a disruption budget's pods) and
 * node selectors (`nodeSelector`, required node affinity).
 */
import { Option } from "effect"
import type { LabelSelector, NodeSelectorTerm, Requirement } from "./kubernetesSchemas.js"

type Labels = Readonly<Record<string, string>>

const has = (labels: Labels, key: string): boolean => Object.hasOwn(labels, key)

/** An integer as node affinity reads one (Go's `strconv.ParseInt(s, 10, 64)`): an optional sign, then decimal digits. */
const INTEGER = /^[+-]?\d+$/

/** The range of a 64-bit integer: `ParseInt` refuses values outside it. */
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** A label value or a `Gt`/`Lt` bound as a 64-bit integer, or nothing when it is not one. */
const int64 = (text: string | undefined): Option.Option<bigint> =>
  Option.fromNullable(text).pipe(
    Option.filter((t) => INTEGER.test(t)),
    Option.map(BigInt),
    Option.filter((n) => n >= INT64_MIN && n <= INT64_MAX)
  )

/**
 * One requirement of a selector on a set of labels. A missing label
 * (`undefined`) is among no values; `Gt`/`Lt` hold only between two 64-bit
 * integers (a single bound), as node affinity compares them.
 */
const requirementHolds = (labels: Labels, r: Pick<Requirement, "key" | "operator" | "values">): boolean => {
  const value = has(labels, r.key) ? labels[r.key] : undefined
  // Read only by In/NotIn, on the pods × nodes path: a scan of the few values, no set built per check.
  const among = (): boolean => r.values?.some((v) => v === value) ?? false
  switch (r.operator) {
    case "In":
      return among()
    case "NotIn":
      return !among()
    case "Exists":
      return value !== undefined
    case "DoesNotExist":
      return value === undefined
    case "Gt":
    case "Lt": {
      const bound = r.values?.length === 1 ? int64(r.values[0]) : Option.none()
      return Option.exists(
        Option.all([int64(value), bound]),
        ([own, limit]) => r.operator === "Gt" ? own > limit : own < limit
      )
    }
  }
}

/** Whether a label selector selects these labels (an empty selector selects everything). */
export const selects = (selector: LabelSelector, labels: Labels): boolean =>
  Object.entries(selector.matchLabels ?? {}).every(([key, value]) => has(labels, key) && labels[key] === value) &&
  (selector.matchExpressions ?? []).every((r) => requirementHolds(labels, r))

/** Where a pod may run, as far as the snapshot can tell: its `nodeSelector` and required node affinity terms. */
export interface Placement {
  readonly nodeSelector: Labels
  /** Any one term must hold; `undefined` when the pod has no required node affinity. */
  readonly terms: ReadonlyArray<NodeSelectorTerm> | undefined
}

/** Whether a node (its name and labels) is a place the pod may run; a term without requirements matches no node, as in Kubernetes. */
export const admits = (placement: Placement, node: { readonly name: string; readonly labels: Labels }): boolean =>
  Object.entries(placement.nodeSelector).every(([key, value]) => has(node.labels, key) && node.labels[key] === value) &&
  (placement.terms === undefined ||
    placement.terms.some((term) =>
      (term.matchExpressions ?? []).length + (term.matchFields ?? []).length > 0 &&
      (term.matchExpressions ?? []).every((r) => requirementHolds(node.labels, r)) &&
      (term.matchFields ?? []).every((r) => requirementHolds({ "metadata.name": node.name }, r))
    ))
