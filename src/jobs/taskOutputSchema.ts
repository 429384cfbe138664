import type { Field } from 'payload'

/** The kinds of value a task of the plugin reports in its output. */
type OutputKind = 'checkbox' | 'number' | 'text'

const outputField = (name: string, kind: OutputKind): Field => {
  if (kind === 'checkbox') return { name, type: 'checkbox' }
  if (kind === 'number') return { name, type: 'number' }
  return { name, type: 'text' }
}

/**
 * The `outputSchema` of a Payload task from the names and kinds of what it reports, in the order
 * given (the jobs' admin view shows them so): `{ checked: 'number', duplicate: 'checkbox' }`.
 */
export const taskOutputSchema = (fields: Readonly<Record<string, OutputKind>>): Field[] =>
  Object.entries(fields).map(([name, kind]) => outputField(name, kind))
