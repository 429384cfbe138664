/** A problem with one field of an input file (or with the file itself: field `file`). */
export interface FieldError {
  field: string
  message: string
}

/** Every problem found in one input file. */
export interface FileFailure {
  errors: FieldError[]
  file: string
}

/** The outcome of a check that either gives a value or names every problem found. */
export type Checked<T> = { errors: FieldError[]; ok: false } | { ok: true; value: T }

/** The field name used for problems of a file as a whole: encoding, emptiness, line endings. */
export const FILE_FIELD = 'file'

/** One `file › field: message` line per problem, as the CLI prints them. */
export const formatFailure = (failure: FileFailure): string[] =>
  failure.errors.map((error) => `${failure.file} › ${error.field}: ${error.message}`)
