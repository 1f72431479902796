/**
 * Deep-freezes a value so that any later write to it, or to anything it
 * reaches, throws (ES modules run in strict mode). Tests freeze every input
 * of a pure core with it to prove the core never mutates its inputs.
 */
export const deepFreeze = <T>(value: T): T => {
  const pending: Array<unknown> = [value]
  while (pending.length > 0) {
    const item = pending.pop()
    if ((typeof item !== "object" && typeof item !== "function") || item === null || Object.isFrozen(item)) continue
    Object.freeze(item)
    for (const key of Reflect.ownKeys(item)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(item, key)
      if (descriptor !== undefined && "value" in descriptor) pending.push(descriptor.value)
    }
  }
  return value
}
