/** A pod's requests as Kubernetes schedules it: containers, sidecars, init containers, overhead. */
import { describe, expect, it } from "vitest"
import { podRequests } from "../../../../../src/compaction/internal/import/podRequests.js"
import { convert } from "../../../../../src/compaction/internal/import/resources.js"

const container = (name: string, requests: Record<string, string>, restartPolicy?: string) => ({
  name,
  resources: { requests },
  ...(restartPolicy === undefined ? {} : { restartPolicy })
})

/** The requests converted to snapshot units (milli-CPU, MiB), rounded up. */
const units = (spec: Parameters<typeof podRequests>[0]) => convert(podRequests(spec), "up", [], [])

describe("podRequests", () => {
  it("sums the containers", () => {
    expect(units({ containers: [container("a", { cpu: "250m", memory: "1Gi" }), container("b", { cpu: "0.5" })] }))
      .toEqual({ CPU: 750, memory: 1024 })
  })

  it("takes a larger init container instead, and adds the sidecars and the overhead", () => {
    // init 2 CPU > containers 1 CPU + sidecar 0.1 CPU; memory: containers 512 + sidecar 64 > init 256
    expect(units({
      containers: [container("app", { cpu: "1", memory: "512Mi" })],
      initContainers: [container("proxy", { cpu: "100m", memory: "64Mi" }, "Always"), container("migrate", { cpu: "2", memory: "256Mi" })],
      overhead: { cpu: "250m", memory: "120Mi" }
    })).toEqual({ CPU: 2100 + 250, memory: 576 + 120 })
  })

  it("sums exactly before rounding once", () => {
    // three containers of 0.4 MiB each: 1.2 MiB, rounded up once to 2 (rounding each would give 3)
    const c = (n: string) => container(n, { memory: `${0.4 * 1024}Ki` })
    expect(units({ containers: [c("a"), c("b"), c("c")] })).toEqual({ memory: 2 })
  })

  it("reads a container without requests as requesting nothing", () => {
    expect(units({ containers: [{ name: "idle" }] })).toEqual({})
  })
})
