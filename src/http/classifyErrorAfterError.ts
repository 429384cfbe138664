import type { AfterErrorHook } from 'payload'

import { classifyError } from '../../rules/errorClass.js'

/**
 * Answers what escaped a request by what it means (rules/errorClass.ts): bad input the database
 * refused (a value of the wrong type, out of range, a NUL byte) is a 400, a database that is
 * down or restarting a 503 with Retry-After, instead of Payload's 500 "Something went wrong."
 * Wired once into the config's `hooks.afterError`, so it covers every REST route and GraphQL
 * error of every collection. Real faults stay 500 and are never described to the caller.
 */
export const classifyErrorAfterError: AfterErrorHook = ({ error, graphqlResult, req }) => {
  const classified = classifyError(error)
  if (!classified) return
  if (classified.retryAfter !== undefined) {
    const headers = req.responseHeaders ?? new Headers()
    headers.set('Retry-After', String(classified.retryAfter))
    req.responseHeaders = headers
  }
  if (graphqlResult) {
    return {
      graphqlResult: {
        ...graphqlResult,
        extensions: { ...graphqlResult.extensions, name: classified.kind === 'unavailable' ? 'ServiceUnavailable' : 'BadRequest', statusCode: classified.status },
        message: classified.message,
      },
    }
  }
  return {
    response: { errors: [{ message: classified.message, name: classified.kind === 'unavailable' ? 'ServiceUnavailable' : 'BadRequest' }] },
    status: classified.status,
  }
}
