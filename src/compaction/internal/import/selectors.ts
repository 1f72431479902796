/**
 * Kubernetes selectors, matched as the scheduler and the disruption
 * controller match them: label selectors (a disruption budget's pods) and
 * node selectors (`nodeSelector`, required node affinity).
 */
import type { LabelSelector, NodeSelectorTerm, Requirement } from "./kubernetesSchemas.js"

type Labels = Readonly<Record<string, string>>

const has = (labels: Labels, key: string): boolean => Object.hasOwn(labels, key)

/** One requirement of a selector on a set of labels (`Gt`/`Lt` compare integers, as node affinity does). */
const requirementHolds = (labels: Labels, r: Pick<Requirement, "key" | "operator" | "values">): boolean => {
  const value = has(labels, r.key) ? labels[r.key] : undefined
  const values = r.values ?? []
  switch (r.operator) {
    case "In":
      return value !== undefined && values.includes(value)
    case "NotIn":
      return value === undefined || !values.includes(value)
    case "Exists":
      return value !== undefined
    case "DoesNotExist":
      return value === undefined
    case "Gt":
    case "Lt": {
      const bound = values.length === 1 ? Number(values[0]) : Number.NaN
      const own = value === undefined ? Number.NaN : Number(value)
      if (!Number.isInteger(bound) || !Number.isInteger(own)) return false
      return r.operator === "Gt" ? own > bound : own < bound
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
