/**
 * A value kept for one request while a route wrapper's handler answers it (`withHttpCaching`,
 * `withAnswerBudget`), found again by the request: Payload's `req` is the route's `Request`
 * itself (`createPayloadRequest` extends it), so a hook or an endpoint looks it up with `req`, and
 * so do the nested Local API calls that pass `req` on. Kept in a WeakMap, not an
 * `AsyncLocalStorage`: an enabled storage costs every promise of the process a propagation step,
 * whichever request made it.
 */
export class RequestSlot<T> {
  private readonly values = new WeakMap<object, T>()

  /** Runs `answer` with `value` kept for `request`; forgets it when the answer is done. */
  async run<R>(request: object, value: T, answer: () => Promise<R>): Promise<R> {
    this.values.set(request, value)
    try {
      return await answer()
    } finally {
      this.values.delete(request)
    }
  }

  /** The value kept for this request (or Payload `req`); undefined when none is. */
  get(request: object): T | undefined {
    return this.values.get(request)
  }
}
