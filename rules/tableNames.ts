/** The database table of a collection slug, as Payload's Postgres adapter names it (snake case). */
export const tableNameOf = (slug: string): string =>
  slug
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase()
