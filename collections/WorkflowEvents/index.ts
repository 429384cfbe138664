import type { CollectionConfig } from 'payload'

import type { SanitizedOptions } from '../../rules/options.js'
import { ARTICLE_STATUSES, toSelectOptions, WORKFLOW_ACTIONS } from '../../rules/vocabulary.js'
import { nobody, staff } from '../access/index.js'
import { refuseChangeOfRecordBeforeOperation } from '../../hooks/refuseChangeOfRecordBeforeOperation.js'

/**
 * Actions a workflow event records: the workflow's own, `assign` (a reviewer named for a
 * submission waiting for review) and `import` for the seed importer.
 */
export const WORKFLOW_EVENT_ACTIONS = [...WORKFLOW_ACTIONS, 'assign', 'import'] as const

/**
 * The `workflow-events` collection: an append-only record of every status transition. Only
 * server code writes it (in the transaction of the change it records); nobody edits or
 * deletes an event, not even an admin.
 */
export const createWorkflowEventsCollection = (options: SanitizedOptions): CollectionConfig => ({
  slug: options.collections.workflowEvents,
  access: {
    create: nobody,
    delete: nobody,
    read: staff,
    update: nobody,
  },
  admin: {
    defaultColumns: ['articleTitle', 'action', 'from', 'to', 'actorLabel', 'createdAt'],
    group: 'Governance',
    useAsTitle: 'action',
  },
  defaultSort: '-createdAt',
  fields: [
    {
      name: 'article',
      type: 'relationship',
      admin: { description: 'Empty once an admin deletes the article; its URL and title stay below.', readOnly: true },
      index: true,
      relationTo: options.collections.articles,
    },
    {
      type: 'row',
      fields: [
        { name: 'articleUrl', type: 'text', admin: { readOnly: true }, index: true },
        { name: 'articleTitle', type: 'text', admin: { readOnly: true } },
      ],
    },
    { name: 'action', type: 'select', admin: { readOnly: true }, options: toSelectOptions(WORKFLOW_EVENT_ACTIONS), required: true },
    { name: 'from', type: 'select', admin: { readOnly: true }, options: toSelectOptions(ARTICLE_STATUSES) },
    { name: 'to', type: 'select', admin: { readOnly: true }, options: toSelectOptions(ARTICLE_STATUSES), required: true },
    {
      name: 'actor',
      type: 'relationship',
      admin: { description: 'The user who made the transition; empty for the system.', readOnly: true },
      index: true,
      relationTo: options.usersCollection,
    },
    {
      name: 'actorLabel',
      type: 'text',
      admin: { description: 'Who, as text: the user email, or system:importer.', readOnly: true },
      required: true,
    },
    { name: 'comment', type: 'textarea', admin: { readOnly: true } },
    {
      name: 'changeNote',
      type: 'textarea',
      admin: { description: 'What the submitted update changes, in the editor\'s words (required for a live article).', readOnly: true },
    },
    {
      name: 'attestation',
      type: 'group',
      admin: { description: 'What the reviewer attested on approval or reaffirmation.', readOnly: true },
      fields: [
        { name: 'statement', type: 'text', admin: { readOnly: true } },
        { name: 'version', type: 'text', admin: { readOnly: true } },
      ],
    },
    {
      name: 'assignee',
      type: 'relationship',
      admin: { description: 'The reviewer named for the submission (on submit and assign).', readOnly: true },
      relationTo: options.usersCollection,
    },
    { name: 'versionId', type: 'text', admin: { description: 'The article version the transition applied to.', readOnly: true } },
  ],
  hooks: {
    beforeOperation: [refuseChangeOfRecordBeforeOperation],
  },
})
