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

/** What was normalised to read one input file (it was imported all the same). */
export interface FileNote {
  file: string
  notes: FieldError[]
}

/** The outcome of a check that either gives a value or names every problem found. */
export type Checked<T> = { errors: FieldError[]; ok: false } | { ok: true; value: T }

/** The field name used for problems of a file as a whole: encoding, emptiness, line endings. */
export const FILE_FIELD = 'file'

/** One `file › field: message` line per problem, as the CLI prints them. */
export const formatFailure = (failure: FileFailure): string[] =>
  failure.errors.map((error) => `${failure.file} › ${error.field}: ${error.message}`)

/** One `file › field: message` line per note, as the CLI prints them. */
export const formatNote = (note: FileNote): string[] => note.notes.map((item) => `${note.file} › ${item.field}: ${item.message}`)
