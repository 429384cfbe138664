import type { ErrorClass } from './errorClass.js'

/**
 * What a write request's body may be before the API reads it: a JSON object, a multipart form
 * (the admin and uploads) or a URL-encoded form (a method override), within a size budget.
 * Pure: it sees only the method, headers and (for JSON) the text.
 */

/** The largest request body the API reads, in bytes (the largest corpus article is ≈ 3 MB of Lexical JSON). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024

/** Content types the API reads a write from. */
const ACCEPTED_TYPES = ['application/json', 'multipart/form-data']
/** A URL-encoded form is read only as the query of a method override (POST standing for GET). */
const OVERRIDE_TYPES = [...ACCEPTED_TYPES, 'application/x-www-form-urlencoded']

const WRITE_METHODS = new Set(['PATCH', 'POST', 'PUT'])

/** The media type of a Content-Type header, lower case, without parameters. */
export const mediaTypeOf = (contentType: null | string): string => (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase()

/**
 * Checks a request's method, declared type and size. `hasBody`: whether the request carries a
 * body at all (a POST without one, like a logout, is fine whatever its type).
 */
export const checkBodyEnvelope = ({
  contentLength,
  contentType,
  hasBody,
  maxBytes = MAX_BODY_BYTES,
  method,
  methodOverride = false,
}: {
  contentLength: null | string
  contentType: null | string
  hasBody: boolean
  maxBytes?: number
  method: string
  /** Whether the request says it stands for another method (X-Payload-HTTP-Method-Override). */
  methodOverride?: boolean
}): ErrorClass | null => {
  if (!WRITE_METHODS.has(method.toUpperCase()) || !hasBody) return null
  const length = contentLength === null ? Number.NaN : Number(contentLength)
  if (Number.isFinite(length) && length === 0) return null
  if (Number.isFinite(length) && length > maxBytes) {
    return { kind: 'bad_input', message: `The request body is too large (at most ${maxBytes} bytes).`, status: 413 }
  }
  const type = mediaTypeOf(contentType)
  if (!(methodOverride ? OVERRIDE_TYPES : ACCEPTED_TYPES).includes(type)) {
    return {
      kind: 'bad_input',
      message: `Unsupported Content-Type "${type.slice(0, 60) || 'none'}": send application/json (or multipart/form-data).`,
      status: 415,
    }
  }
  if (type === 'multipart/form-data' && !/;\s*boundary=\S/i.test(contentType ?? '')) {
    return { kind: 'bad_input', message: 'A multipart body needs a boundary in its Content-Type.', status: 400 }
  }
  return null
}

/** Checks a JSON body's text: it must parse and be an object (an empty body is fine). */
export const checkJsonBody = (text: string, maxBytes = MAX_BODY_BYTES): ErrorClass | null => {
  if (text.length > maxBytes) {
    return { kind: 'bad_input', message: `The request body is too large (at most ${maxBytes} bytes).`, status: 413 }
  }
  if (text.trim() === '') return null
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { kind: 'bad_input', message: 'The request body is not valid JSON.', status: 400 }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'bad_input', message: 'The request body must be a JSON object.', status: 400 }
  }
  return null
}
