/**
 * Shares one asynchronous read among the callers that may take it: a caller gets the result of a
 * read that started after it asked (never one already under way, whose snapshot may predate what
 * the caller must see), so each answer is as fresh as a read of its own. While a read is under
 * way, everyone who asks meanwhile waits for the next one, which starts when it ends and serves
 * them all: under concurrent requests the database answers one statement where it answered one
 * per request. A failed read fails the callers it was started for.
 *
 * @example const version = freshRead(() => pool.query(…)) // each call: a read started after it
 */
export const freshRead = <T>(read: () => Promise<T>): (() => Promise<T>) => {
  let running: null | Promise<T> = null
  let next: null | Promise<T> = null
  const start = (): Promise<T> => {
    const started = read()
    running = started
    // `running` is cleared before anyone waiting for the next read starts it (then callbacks run in order).
    started.then(
      () => (running = null),
      () => (running = null),
    )
    return started
  }
  return () => {
    if (!running) return start()
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = null
      return start()
    })
    return next
  }
}
