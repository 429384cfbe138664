/**
 * How a user is shown to people: their name, else their email, else "User #id". Accepts any
 * user-like value (a populated relationship, a bare id, `null`).
 */
export const displayName = (user: unknown): string => {
  if (typeof user === 'number' || typeof user === 'string') return `User #${String(user)}`
  if (!user || typeof user !== 'object') return 'Unknown user'
  const record = user as { email?: unknown; id?: unknown; name?: unknown }
  if (typeof record.name === 'string' && record.name.trim()) return record.name.trim()
  if (typeof record.email === 'string' && record.email.trim()) return record.email.trim()
  if (typeof record.id === 'number' || typeof record.id === 'string') return `User #${String(record.id)}`
  return 'Unknown user'
}

/** How an article is shown when it has no title yet: still a readable, clickable row. */
export const displayTitle = (article: { id: number | string; title?: null | string }): string =>
  typeof article.title === 'string' && article.title.trim() ? article.title.trim() : `Untitled article #${String(article.id)}`
