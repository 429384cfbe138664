/**
 * The id of a relationship value as Payload hands it: an id, or a populated document (at any
 * depth). `null` for an empty relationship.
 */
export const idOf = (value: unknown): null | number | string => {
  if (typeof value === 'number' || typeof value === 'string') return value
  if (value && typeof value === 'object' && 'id' in value) return idOf(value.id)
  return null
}

/** The numeric id of a relationship value (Postgres serial ids), or `null`. */
export const numericIdOf = (value: unknown): null | number => {
  const id = idOf(value)
  return typeof id === 'number' ? id : null
}
