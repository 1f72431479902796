/**
 * The parts of Kubernetes objects that the import reads, as effect schemas:
 * every field read is required or optional as Kubernetes writes it, and
 * type-checked; every other key of a real dump is ignored. Quantities are
 * checked here and parsed again, exactly, where they are converted.
 */
import { Schema } from "effect"
import { NonNegativeInteger, NonNegativeNumber } from "../schemas.js"
import { parse } from "./quantity.js"

/** A quantity as `kubectl -o json` writes it (a string), or a plain JSON number. */
export const QuantityField = Schema.Union(Schema.String, Schema.Number).pipe(
  Schema.filter((q) => {
    const parsed = parse(String(q))
    return typeof parsed === "string" ? parsed : true
  }, { description: "a Kubernetes quantity" })
)

/** A resource list: `{ cpu: "500m", memory: "1Gi" }`. */
export const ResourceList = Schema.Record({ key: Schema.String, value: QuantityField }).annotations({
  description: "an object of Kubernetes quantities"
})

const Strings = Schema.Record({ key: Schema.String, value: Schema.String }).annotations({ description: "an object of strings" })

const OwnerReference = Schema.Struct({
  kind: Schema.String,
  name: Schema.String,
  controller: Schema.optional(Schema.Boolean)
})

const Metadata = Schema.Struct({
  name: Schema.String,
  namespace: Schema.optional(Schema.String),
  labels: Schema.optional(Strings),
  annotations: Schema.optional(Strings),
  ownerReferences: Schema.optional(Schema.Array(OwnerReference))
})

const Taint = Schema.Struct({ key: Schema.String, value: Schema.optional(Schema.String), effect: Schema.String })

/** A node: its name and labels, whether it is cordoned, its taints and what it can allocate. */
export const Node = Schema.Struct({
  metadata: Metadata,
  spec: Schema.optionalWith(
    Schema.Struct({ unschedulable: Schema.optional(Schema.Boolean), taints: Schema.optional(Schema.Array(Taint)) }),
    { default: () => ({}) }
  ),
  status: Schema.Struct({ allocatable: ResourceList })
})

export type Node = typeof Node.Type

const Container = Schema.Struct({
  name: Schema.String,
  resources: Schema.optional(Schema.Struct({ requests: Schema.optional(ResourceList) })),
  /** `Always` on an init container makes it a sidecar, running beside the main containers. */
  restartPolicy: Schema.optional(Schema.String)
})

export type Container = typeof Container.Type

const Requirement = Schema.Struct({
  key: Schema.String,
  operator: Schema.Literal("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"),
  values: Schema.optional(Schema.Array(Schema.String))
})

export type Requirement = typeof Requirement.Type

const NodeSelectorTerm = Schema.Struct({
  matchExpressions: Schema.optional(Schema.Array(Requirement)),
  matchFields: Schema.optional(Schema.Array(Requirement))
})

export type NodeSelectorTerm = typeof NodeSelectorTerm.Type

const Required = Schema.Struct({ requiredDuringSchedulingIgnoredDuringExecution: Schema.optional(Schema.Array(Schema.Unknown)) })

const Affinity = Schema.Struct({
  nodeAffinity: Schema.optional(Schema.Struct({
    requiredDuringSchedulingIgnoredDuringExecution: Schema.optional(
      Schema.Struct({ nodeSelectorTerms: Schema.Array(NodeSelectorTerm) })
    )
  })),
  podAffinity: Schema.optional(Required),
  podAntiAffinity: Schema.optional(Required)
})

const Volume = Schema.Struct({
  name: Schema.String,
  emptyDir: Schema.optional(Schema.Unknown),
  hostPath: Schema.optional(Schema.Unknown),
  persistentVolumeClaim: Schema.optional(Schema.Unknown)
})

/** A pod: where it runs, its phase, what it requests and what constrains where it may go. */
export const Pod = Schema.Struct({
  metadata: Metadata,
  spec: Schema.Struct({
    nodeName: Schema.optional(Schema.String),
    containers: Schema.Array(Container),
    initContainers: Schema.optional(Schema.Array(Container)),
    overhead: Schema.optional(ResourceList),
    nodeSelector: Schema.optional(Strings),
    affinity: Schema.optional(Affinity),
    topologySpreadConstraints: Schema.optional(Schema.Array(Schema.Struct({ whenUnsatisfiable: Schema.String }))),
    volumes: Schema.optional(Schema.Array(Volume))
  }),
  status: Schema.optionalWith(Schema.Struct({ phase: Schema.optional(Schema.String) }), { default: () => ({}) })
})

export type Pod = typeof Pod.Type

const SelectorRequirement = Schema.Struct({
  key: Schema.String,
  operator: Schema.Literal("In", "NotIn", "Exists", "DoesNotExist"),
  values: Schema.optional(Schema.Array(Schema.String))
})

/** A label selector. */
export const LabelSelector = Schema.Struct({
  matchLabels: Schema.optional(Strings),
  matchExpressions: Schema.optional(Schema.Array(SelectorRequirement))
})

export type LabelSelector = typeof LabelSelector.Type

/** A disruption budget: the pods it selects and how many of them may be disrupted now. */
export const DisruptionBudget = Schema.Struct({
  metadata: Metadata,
  spec: Schema.Struct({ selector: Schema.optionalWith(LabelSelector, { nullable: true }) }),
  status: Schema.optional(Schema.Struct({ disruptionsAllowed: Schema.optional(NonNegativeInteger) }))
})

export type DisruptionBudget = typeof DisruptionBudget.Type

/** A `List` as `kubectl get … -o json` prints it: the objects under `items`, each with its `kind`. */
export const List = Schema.Struct({
  kind: Schema.optional(Schema.String),
  items: Schema.Array(Schema.Unknown).annotations({ description: "a list of objects" })
}).annotations({ description: "a Kubernetes List object (kubectl get … -o json)" })

/** Prices by instance type (`node.kubernetes.io/instance-type`): `{ "m5.2xlarge": 0.384 }`. */
export const Prices = Schema.Record({ key: Schema.String, value: NonNegativeNumber }).annotations({
  description: "an object of prices by instance type"
})
