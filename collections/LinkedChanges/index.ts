import type { CollectionConfig } from 'payload'

import { LINK_KINDS, LINKED_CHANGE_REASONS, toSelectOptions } from '../../rules/vocabulary.js'
import { systemRecordAccess } from '../access/index.js'

/** Slug of the record of approved changes that linked articles must be checked against. */
export const LINKED_CHANGES_SLUG = 'linked-changes'

/**
 * The `linked-changes` collection: one row per article that must be looked at again because a
 * linked article (its counterpart for the other audience, or a translation) was approved with a
 * change; it points at that change (date, note, versions to compare). Written in the approval's
 * transaction; cleared (`clearedAt`) when the article itself is approved or reaffirmed. Staff
 * read it; nobody writes it through the API.
 */
export const createLinkedChangesCollection = (articles: string): CollectionConfig => ({
  slug: LINKED_CHANGES_SLUG,
  access: systemRecordAccess,
  admin: {
    defaultColumns: ['article', 'reason', 'changedArticle', 'date', 'clearedAt'],
    description: 'Articles to bring in step with an approved change of a linked version.',
    group: 'Governance',
  },
  defaultSort: '-createdAt',
  fields: [
    { name: 'article', type: 'relationship', admin: { readOnly: true }, index: true, relationTo: articles as 'articles', required: true },
    { name: 'changedArticle', type: 'relationship', admin: { readOnly: true }, relationTo: articles as 'articles', required: true },
    { name: 'kind', type: 'select', admin: { readOnly: true }, options: toSelectOptions(LINK_KINDS), required: true },
    { name: 'reason', type: 'select', admin: { readOnly: true }, options: toSelectOptions(Object.values(LINKED_CHANGE_REASONS)), required: true },
    { name: 'date', type: 'date', admin: { readOnly: true }, required: true },
    { name: 'note', type: 'textarea', admin: { readOnly: true }, required: true },
    { name: 'versionId', type: 'text', admin: { description: 'The approved version of the changed article.', readOnly: true } },
    { name: 'previousVersionId', type: 'text', admin: { description: 'Its version live before the change.', readOnly: true } },
    { name: 'clearedAt', type: 'date', admin: { readOnly: true }, index: true },
    { name: 'clearedBy', type: 'text', admin: { description: 'The action that cleared it (approve, reaffirm).', readOnly: true } },
  ],
  timestamps: true,
})
