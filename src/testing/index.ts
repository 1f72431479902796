/**
 * `replicore/testing`: tools to check a transition system, such as one of the
 * package's cores or your own implementation of one, inside a bound; and
 * seeded cluster generators for compaction, the classic bin-packing families
 * among them.
 *
 * @since 0.1.0
 */
/**
 * @category exports
 * @since 0.1.0
 */
export * from "./explore.js"

/**
 * @category exports
 * @since 0.1.0
 */
export * from "./generators.js"

/**
 * @category exports
 * @since 0.1.0
 */
export * from "./classic.js"
