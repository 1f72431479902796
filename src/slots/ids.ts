/**
 * Branded identifiers of the slot core: the router's reservation tokens and
 * the replica's request ids. Both are plain strings at run time.
 *
 * @since 0.1.0
 */
import { Brand } from "effect"

/**
 * An opaque reservation token chosen by the router (a UUID in Ray).
 *
 * @category models
 * @since 0.1.0
 */
export type SlotToken = string & Brand.Brand<"SlotToken">

/**
 * Brands a string as a slot token.
 *
 * @example
 * import { Slots } from "replicore"
 * const token = Slots.SlotToken("3f1c…")
 *
 * @category constructors
 * @since 0.1.0
 */
export const SlotToken = Brand.nominal<SlotToken>()

/**
 * The id of one request on one replica.
 *
 * @category models
 * @since 0.1.0
 */
export type RequestId = string & Brand.Brand<"RequestId">

/**
 * Brands a string as a request id.
 *
 * @example
 * import { Slots } from "replicore"
 * const id = Slots.RequestId("req-1")
 *
 * @category constructors
 * @since 0.1.0
 */
export const RequestId = Brand.nominal<RequestId>()
