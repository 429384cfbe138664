import type { CollectionBeforeChangeHook } from 'payload'

/**
 * The first user of an empty auth collection (the admin's first-register screen) becomes an
 * admin, so that someone can hand out the other roles.
 */
export const makeFirstUserAdminBeforeChange: CollectionBeforeChangeHook = async ({ collection, data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: collection.slug, overrideAccess: true, req })
  return totalDocs === 0 ? { ...data, role: 'admin' } : data
}
