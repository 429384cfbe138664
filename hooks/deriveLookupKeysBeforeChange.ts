import type { CollectionBeforeChangeHook } from 'payload'

import { lookupKeys } from '../rules/search.js'

const namesIn = (rows: unknown, key: string): unknown[] =>
  Array.isArray(rows) ? rows.map((row: unknown) => (row && typeof row === 'object' && key in row ? (row as Record<string, unknown>)[key] : null)) : []

/**
 * Keeps a glossary term's `lookupKeys` (its name, aliases and every other-language name,
 * lower case without accents) in step, so that "tumor", "Tumor" and "túmor" find the same term.
 */
export const deriveLookupKeysBeforeChange: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const value = (key: string): unknown => (data[key] === undefined ? originalDoc?.[key] : data[key])
  const names = [
    value('term'),
    ...(Array.isArray(value('aliases')) ? (value('aliases') as unknown[]) : []),
    ...namesIn(value('otherLanguages'), 'termName'),
    ...namesIn(value('definitions'), 'termName'),
  ].filter((name): name is string => typeof name === 'string')
  return { ...data, lookupKeys: lookupKeys(names) }
}
