/**
 * What a pod requests, as Kubernetes counts it for scheduling
 * (`k8s.io/component-helpers/resource.PodRequests`): the sum of its
 * containers and its sidecars (init containers with `restartPolicy:
 * Always`), or, when larger, what an init container needs beside the
 * sidecars started before it; plus the pod's overhead. Summed exactly, before
 * any rounding.
 */
import type { Container, Pod } from "./kubernetesSchemas.js"
import { parse, type Quantity } from "./quantity.js"

/** Resource quantities by Kubernetes name. */
export type Requests = Readonly<Record<string, Quantity>>

const ZERO: Quantity = { numerator: 0n, denominator: 1n }

const plus = (a: Quantity, b: Quantity): Quantity => ({
  numerator: a.numerator * b.denominator + b.numerator * a.denominator,
  denominator: a.denominator * b.denominator
})

const larger = (a: Quantity, b: Quantity): Quantity =>
  a.numerator * b.denominator >= b.numerator * a.denominator ? a : b

const combine = (a: Requests, b: Requests, f: (x: Quantity, y: Quantity) => Quantity): Requests => {
  const out: Record<string, Quantity> = { ...a }
  for (const [name, q] of Object.entries(b)) out[name] = f(out[name] ?? ZERO, q)
  return out
}

/** A resource list whose quantities the schema has checked already. */
export const quantities = (list: Readonly<Record<string, string | number>> | undefined): Requests => {
  const out: Record<string, Quantity> = {}
  for (const [name, raw] of Object.entries(list ?? {})) {
    const q = parse(String(raw))
    if (typeof q !== "string") out[name] = q
  }
  return out
}

const requestsOf = (c: Container): Requests => quantities(c.resources?.requests)

/** The pod's effective requests. */
export const podRequests = (spec: Pod["spec"]): Requests => {
  let sidecars: Requests = {}
  let init: Requests = {}
  for (const c of spec.initContainers ?? []) {
    if (c.restartPolicy === "Always") {
      sidecars = combine(sidecars, requestsOf(c), plus)
      init = combine(init, sidecars, larger)
    } else {
      init = combine(init, combine(requestsOf(c), sidecars, plus), larger)
    }
  }
  const main = spec.containers.reduce((sum, c) => combine(sum, requestsOf(c), plus), sidecars)
  return combine(combine(main, init, larger), quantities(spec.overhead), plus)
}
