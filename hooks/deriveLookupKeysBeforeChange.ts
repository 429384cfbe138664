import type { CollectionBeforeChangeHook } from 'payload'

import { glossaryLookupKeys } from '../rules/search.js'

/**
 * Keeps a glossary term's `lookupKeys` (its name, aliases and every other-language name,
 * lower case without accents) in step, so that "tumor", "Tumor" and "túmor" find the same term.
 */
export const deriveLookupKeysBeforeChange: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const value = (key: string): unknown => (data[key] === undefined ? originalDoc?.[key] : data[key])
  return {
    ...data,
    lookupKeys: glossaryLookupKeys({ aliases: value('aliases'), definitions: value('definitions'), otherLanguages: value('otherLanguages'), term: value('term') }),
  }
}
