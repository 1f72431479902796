/** The types of stryker.config.mjs, for scripts/mutation.ts. */
import type { PartialStrykerOptions } from "@stryker-mutator/api/core"

/** The source files of each core (globs). */
export declare const sources: Readonly<Record<"container" | "slots" | "compaction" | "lifecycle", ReadonlyArray<string>>>
declare const options: PartialStrykerOptions
export default options
