import { type PayloadRequest, ValidationError } from 'payload'
import type { z } from 'zod'

/** A field error as Payload's `ValidationError` lists it. */
export interface FieldError {
  message: string
  path: string
}

/**
 * Parses untrusted input with a zod schema, or throws a `ValidationError` (REST 400) naming each
 * bad field. An issue without a path (the input as a whole) is reported at `fallbackPath`;
 * `errorsOf` replaces the issue list when one plain message serves the caller better.
 * @throws ValidationError when the input does not match the schema.
 */
export const parseOrBadRequest = <Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  {
    collection,
    errorsOf,
    fallbackPath,
    req,
  }: {
    collection: string
    errorsOf?: (issues: z.core.$ZodIssue[]) => FieldError[]
    fallbackPath: string
    req: PayloadRequest
  },
): z.output<Schema> => {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const errors = errorsOf
    ? errorsOf(parsed.error.issues)
    : parsed.error.issues.map((issue) => ({ message: issue.message, path: issue.path.join('.') || fallbackPath }))
  throw new ValidationError({ collection, errors, req })
}
