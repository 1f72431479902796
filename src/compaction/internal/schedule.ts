/**
 * Turns levelled moves into waves. Levels run in order; one level splits
 * into as many waves as the limits need: at most `maxSurge` steps of a
 * deployment and at most `maxConcurrent` steps in all per wave. Splitting a
 * level never breaks capacity: its arrivals fit together, and a split only
 * lets departures happen earlier.
 */
import { deploymentOf, type Instance } from "./instance.js"

export interface Wave {
  /** Replica indexes of the wave's steps, in replica order. */
  readonly replicas: ReadonlyArray<number>
}

/** The waves of the moves (replicas with level > 0), level by level. */
export const schedule = (
  instance: Instance,
  level: Int32Array,
  maxConcurrent: number
): Array<Wave> => {
  const levels = new Map<number, Array<number>>()
  level.forEach((l, r) => {
    if (l > 0) {
      const list = levels.get(l) ?? []
      list.push(r)
      levels.set(l, list)
    }
  })
  const waves: Array<Wave> = []
  for (const [, replicas] of [...levels].sort(([a], [b]) => a - b)) {
    // One queue per deployment, in deployment order; each wave takes up to maxSurge from each queue in turn.
    const queues = new Map<number, Array<number>>()
    for (const r of replicas) {
      const d = deploymentOf(instance, r)
      const q = queues.get(d) ?? []
      q.push(r)
      queues.set(d, q)
    }
    const order = [...queues.keys()].sort((a, b) => a - b)
    const heads = new Map<number, number>()
    let remaining = replicas.length
    let turn = 0
    while (remaining > 0) {
      const wave: Array<number> = []
      for (let i = 0; i < order.length && wave.length < maxConcurrent; i++) {
        const d = order[(turn + i) % order.length] ?? 0
        const q = queues.get(d) ?? []
        let head = heads.get(d) ?? 0
        const take = Math.min(instance.maxSurge[d] ?? 1, maxConcurrent - wave.length, q.length - head)
        for (let t = 0; t < take; t++) wave.push(q[head++] ?? 0)
        heads.set(d, head)
      }
      turn++
      remaining -= wave.length
      waves.push({ replicas: wave.sort((a, b) => a - b) })
    }
  }
  return waves
}
