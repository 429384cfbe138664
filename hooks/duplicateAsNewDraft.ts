import type { FieldHook } from 'payload'

/** A duplicate is a new, unreviewed draft: review and workflow fields start empty. */
export const clearOnDuplicate: FieldHook = () => null

/** A duplicate needs a canonical URL of its own: the copy's is marked until an editor sets it. */
export const markUrlAsCopy: FieldHook = ({ value }) => {
  if (typeof value !== 'string' || value.length === 0) return value
  const url = new URL(value)
  url.searchParams.set('copy', Date.now().toString(36))
  return url.toString()
}
