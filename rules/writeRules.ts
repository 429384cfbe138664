import type { z } from 'zod'

import type { FieldProblem } from './citation.js'
import { articleFieldSchemas, articleRelationSchemas, glossaryTermFieldSchemas, sourceFieldSchemas } from './fieldSchemas.js'

/** The rules of the values a write to one collection may send. */
export interface WriteRules {
  /** Fields that may be emptied (null, '' or []): the others must hold a valid value when sent. */
  clearable: readonly string[]
  /** Fields a create must send. */
  required: readonly string[]
  /** One schema per field a client writes; other fields are left to their own rules. */
  schemas: Readonly<Record<string, z.ZodType>>
}

/** Fields no client sets: Payload and the database own them. */
export const SYSTEM_FIELDS = ['id', 'createdAt', 'updatedAt'] as const

/** Article writes: the front-matter fields and the relations (the body is checked apart). */
export const ARTICLE_WRITE_RULES: WriteRules = {
  clearable: ['cancerTypes', 'citation', 'license', 'sourceType', 'tags', 'version'],
  required: ['title', 'url'],
  schemas: { ...articleFieldSchemas, ...articleRelationSchemas },
}

/** Source writes. */
export const SOURCE_WRITE_RULES: WriteRules = {
  clearable: [],
  required: ['label'],
  schemas: sourceFieldSchemas,
}

/** Glossary-term writes. */
export const GLOSSARY_TERM_WRITE_RULES: WriteRules = {
  clearable: [],
  required: ['nciId', 'term'],
  schemas: glossaryTermFieldSchemas,
}

const isEmpty = (value: unknown): boolean => value === null || value === '' || (Array.isArray(value) && value.length === 0)

/** The outcome of checking a write: every problem, or the values as the schemas normalise them. */
export type CheckedWrite = { ok: false; problems: FieldProblem[] } | { data: Record<string, unknown>; ok: true }

/**
 * Checks the values a write sends against `rules`: each value present is checked (an update
 * sends only some fields), a create must send the required ones, system fields are dropped,
 * and fields without a rule pass through untouched (Payload ignores unknown ones). On success
 * the data is returned with each checked value as its schema normalises it (trimmed text, a
 * single text as a list of one, ids as numbers).
 */
export const checkWrite = (rules: WriteRules, data: unknown, operation: 'create' | 'update'): CheckedWrite => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, problems: [{ message: 'The body of a write must be a JSON object of fields.', path: 'data' }] }
  }
  const record = data as Record<string, unknown>
  const problems: FieldProblem[] = []
  const output: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) {
    if ((SYSTEM_FIELDS as readonly string[]).includes(key)) continue
    const schema = rules.schemas[key]
    if (!schema || value === undefined) {
      output[key] = value
      continue
    }
    if (isEmpty(value) && rules.clearable.includes(key)) {
      output[key] = value
      continue
    }
    const parsed = schema.safeParse(value)
    if (parsed.success) output[key] = parsed.data
    else {
      for (const issue of parsed.error.issues) {
        const path = [key, ...issue.path.map(String)].join('.')
        // One message per path: a union reports each branch's complaint.
        if (!problems.some((problem) => problem.path === path)) problems.push({ message: issue.message, path })
      }
    }
  }
  if (operation === 'create') {
    for (const key of rules.required) {
      if (record[key] === undefined) problems.push({ message: 'is required', path: key })
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { data: output, ok: true }
}
