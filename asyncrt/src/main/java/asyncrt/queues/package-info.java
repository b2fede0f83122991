/**
 * Python's {@code asyncio.queues}: {@link asyncrt.queues.Queue} (with 3.13's {@code shutdown}),
 * {@link asyncrt.queues.PriorityQueue} and {@link asyncrt.queues.LifoQueue}, fair and
 * cancellation-safe, for the tasks of one event loop.
 */
package asyncrt.queues;
