import type { CollectionConfig } from 'payload'

import type { SanitizedOptions } from '../../rules/options.js'
import {
  ARTICLE_STATUSES,
  AUDIENCES,
  EVIDENCE_KINDS,
  REVIEW_FREQUENCIES,
  REVIEW_STATES,
  toSelectOptions,
} from '../../rules/vocabulary.js'
import { articleDeleters, articleEditors, editorsAndAdmins, publishedOrStaff, serverOnlyField, staff, staffField } from '../access/index.js'
import { clientComponent, DAY_FORMAT, statusCell, WORKFLOW_PANEL_FIELD } from '../adminComponents.js'
import { MAX_CHANGE_NOTE } from '../../rules/changelog.js'
import { refuseChangelogWritesBeforeOperation } from '../../hooks/refuseChangelogWritesBeforeOperation.js'
import { createBodyEditor } from './bodyEditor.js'
import {
  citationOutputAfterRead,
  selectInputsOfComputedFieldsBeforeOperation,
} from '../../hooks/citationOutputAfterRead.js'
import { checkCitationBeforeActivation } from '../../hooks/checkCitationBeforeActivation.js'
import { currentReviewStateAfterRead } from '../../hooks/currentReviewStateAfterRead.js'
import { deriveBodyTextBeforeChange } from '../../hooks/deriveBodyTextBeforeChange.js'
import { deriveReviewDatesBeforeChange } from '../../hooks/deriveReviewDatesBeforeChange.js'
import { clearOnDuplicate, markUrlAsCopy } from '../../hooks/duplicateAsNewDraft.js'
import { indexArticleForSearchAfterChange, noteVersionOnlySavesBeforeOperation } from '../../hooks/indexArticleForSearchAfterChange.js'
import { leaveBodyOutOfListsBeforeOperation } from '../../hooks/leaveBodyOutOfListsBeforeOperation.js'
import { keepWritesInWorkflowBeforeOperation } from '../../hooks/keepWritesInWorkflowBeforeOperation.js'
import { protectWorkflowFieldsBeforeChange } from '../../hooks/protectWorkflowFieldsBeforeChange.js'
import { refuseContendedOperationAfterOperation } from '../../hooks/refuseContendedOperationAfterOperation.js'
import { refuseDeleteBeforeDelete } from '../../hooks/refuseDeleteBeforeDelete.js'
import { serialiseArticleWritesBeforeOperation } from '../../hooks/serialiseArticleWritesBeforeOperation.js'
import {
  relationsExist,
  uniqueAmongWorkingCopies,
  validateWriteBeforeOperation,
  wellFormedBody,
} from '../../hooks/validateWriteBeforeOperation.js'
import { BODY_NODE_TYPES } from '../../rules/lexicalBody.js'
import { tableNameOf } from '../../rules/tableNames.js'
import { createArticleEndpoints } from '../../src/endpoints/articleEndpoints.js'
import { articleSearchTable } from '../../src/search/searchIndex.js'
import { sourceSnapshotIndex } from '../../src/database/sourceSnapshotIndex.js'
import { articleListIndexes } from '../../src/database/articleListIndexes.js'
import { textsParentIndex } from '../../src/database/textsParentIndex.js'
import { createArticleWorkflowMutation } from '../../src/graphql/articleWorkflowMutation.js'
import { createArticleQueries } from '../../src/graphql/deliveryQueries.js'
import { declareParts } from '../parts.js'
import { ARTICLE_WRITE_RULES } from '../../rules/writeRules.js'
import { validateBcp47, validateHttpUrl, validateLicense, validateSourceType } from '../validators.js'

/** Fields only the workflow writes: read-only in the admin, refused on every API write. */
const workflowField = { access: { create: serverOnlyField, update: serverOnlyField } } as const

/**
 * The `articles` collection: governed patient and clinician information. Its natural key is
 * the canonical `url`; `status` and the review fields move only through the workflow. It
 * declares its parts here: fields with their admin components, hooks (the search index of every
 * save among them), the REST endpoints of the workflow, the reviewers' desk and delivery, their
 * GraphQL queries and mutations, and its search table (`custom`, collections/parts.ts).
 * What the importer needs of the plugin is the plugin entry's to add (`custom`, src/index.ts).
 */
export const createArticlesCollection = (options: SanitizedOptions): CollectionConfig => {
  const table = tableNameOf(options.collections.articles)
  return {
    slug: options.collections.articles,
    access: {
      create: editorsAndAdmins,
      delete: articleDeleters(options),
      read: publishedOrStaff,
      readVersions: staff,
      update: articleEditors(options),
    },
    admin: {
      components: {
        // The reviewer's quick filters (in review, assigned to me, overdue, due soon); they also
        // hide the list's bulk Edit/Publish/Unpublish buttons (not `disableBulkEdit`: in Payload
        // 3.90 it also refuses REST bulk updates, which must keep working under the same rules).
        beforeListTable: [clientComponent('ArticleListFilters', { dueSoonDays: options.dueSoonDays })],
        edit: {
          // Publish and Unpublish would bypass the workflow: a "goes live on approval" note instead.
          PublishButton: clientComponent('PublishOnApproval'),
          Status: clientComponent('WorkflowStatus'),
          UnpublishButton: clientComponent('NoUnpublish'),
        },
      },
      defaultColumns: ['title', 'status', 'reviewState', 'nextReviewDue', 'source', 'audienceLevel', 'language'],
      description: 'Governed cancer information: sourced, cited, reviewed on schedule and approved by a second person.',
      group: 'Cancer information',
      listSearchableFields: ['title', 'url'],
      useAsTitle: 'title',
    },
    defaultSort: 'nextReviewDue',
    fields: [
      { name: 'title', type: 'text', required: true },
      {
        name: 'url',
        type: 'text',
        admin: { description: 'Canonical public URL (absolute https): the natural key of the article.' },
        hooks: { beforeDuplicate: [markUrlAsCopy] },
        index: true,
        required: true,
        unique: true,
        validate: validateHttpUrl,
      },
      {
        type: 'row',
        fields: [
          {
            name: 'source',
            type: 'relationship',
            admin: { description: 'The publishing organisation.' },
            index: true,
            relationTo: options.collections.sources,
          },
          {
            name: 'sourceType',
            type: 'text',
            admin: { description: 'Source tier as given in the document: two-digit rank + key, e.g. 02_nci_core.' },
            validate: validateSourceType,
          },
        ],
      },
      {
        type: 'row',
        fields: [
          {
            name: 'audienceLevel',
            type: 'select',
            defaultValue: 'patient',
            index: true,
            options: toSelectOptions(AUDIENCES),
            required: true,
          },
          {
            name: 'language',
            type: 'text',
            admin: { description: 'BCP 47 language tag, e.g. en or es.' },
            defaultValue: 'en',
            index: true,
            required: true,
            validate: validateBcp47,
          },
        ],
      },
      { name: 'cancerTypes', type: 'text', hasMany: true, index: true },
      { name: 'tags', type: 'text', hasMany: true },
      {
        type: 'row',
        fields: [
          {
            name: 'license',
            type: 'text',
            admin: { description: 'Licence of the text, e.g. public_domain or CC-BY-4.0.' },
            validate: validateLicense,
          },
          {
            name: 'citation',
            type: 'text',
            admin: { description: 'Short citation: source label and year, e.g. "NCI, 2025".' },
          },
          { name: 'version', type: 'text', admin: { description: 'Content version, e.g. v1.' } },
        ],
      },
      { name: 'body', type: 'richText', editor: createBodyEditor(options) },
      {
        name: 'bodyText',
        type: 'textarea',
        ...workflowField,
        admin: { description: 'The body as plain text: what search indexes and chat assistants read.', hidden: true },
        // Payload caps text at 40,000 characters by default; a PDQ summary's text runs to 800,000.
        maxLength: 10_000_000,
      },
      {
        name: 'glossaryTerms',
        type: 'relationship',
        admin: { description: 'Glossary terms the body links to.' },
        hasMany: true,
        relationTo: options.collections.glossaryTerms,
      },
      {
        name: 'evidence',
        type: 'array',
        admin: { description: 'Evidence behind the article: the studies, trials and papers its body links to.' },
        fields: [
          {
            type: 'row',
            fields: [
              { name: 'kind', type: 'select', options: toSelectOptions(EVIDENCE_KINDS), required: true },
              { name: 'identifier', type: 'text', admin: { description: 'PMID, PMCID, DOI or trial id.' } },
            ],
          },
          { name: 'url', type: 'text', required: true, validate: validateHttpUrl },
          { name: 'label', type: 'text' },
        ],
      },
      {
        name: 'changes',
        type: 'array',
        ...workflowField,
        admin: {
          description:
            'What changed, for readers, newest first: appended by each approval of an update with a change note (and read from the "Changes to This Summary" section on import). Never edited.',
          readOnly: true,
        },
        fields: [
          { name: 'date', type: 'date', admin: { date: { pickerAppearance: 'dayOnly' } }, required: true },
          { name: 'note', type: 'textarea', maxLength: MAX_CHANGE_NOTE, required: true },
        ],
        hooks: { beforeDuplicate: [clearOnDuplicate] },
      },
      {
        name: 'counterparts',
        type: 'relationship',
        access: { read: staffField },
        admin: {
          description:
            'The same topic for the other audience (patient ↔ health professional). Linked both ways: linking one side is enough. Readers get them on the article page.',
        },
        filterOptions: ({ id }) => (id === undefined ? true : { id: { not_equals: id } }),
        hasMany: true,
        relationTo: options.collections.articles,
      },
      {
        name: 'translationOf',
        type: 'relationship',
        access: { read: staffField },
        admin: { description: 'The article this one translates (e.g. the English original of a Spanish summary).' },
        filterOptions: ({ id }) => (id === undefined ? true : { id: { not_equals: id } }),
        relationTo: options.collections.articles,
      },
      {
        name: WORKFLOW_PANEL_FIELD,
        type: 'ui',
        admin: {
          components: {
            Field: clientComponent('WorkflowPanel', {
              fourEyes: options.fourEyes,
              usersSlug: options.usersCollection,
              workflowEventsSlug: options.collections.workflowEvents,
            }),
          },
          disableListColumn: true,
          position: 'sidebar',
        },
      },
      {
        name: 'status',
        type: 'select',
        ...workflowField,
        admin: {
          components: statusCell,
          description: 'Moves only through the review workflow.',
          position: 'sidebar',
          readOnly: true,
        },
        defaultValue: 'draft',
        // Payload's own `_status` (drafts) would otherwise share this enum's database name.
        enumName: 'enum_articles_workflow_status',
        index: true,
        options: toSelectOptions(ARTICLE_STATUSES),
      },
      {
        name: 'lastReviewed',
        type: 'date',
        ...workflowField,
        admin: {
          date: { displayFormat: DAY_FORMAT, pickerAppearance: 'dayOnly' },
          description: 'Date of the last completed review. Set by approval (or an import); never in the future.',
          position: 'sidebar',
          readOnly: true,
        },
        hooks: { beforeDuplicate: [clearOnDuplicate] },
        index: true,
      },
      {
        name: 'reviewFrequency',
        type: 'select',
        admin: { position: 'sidebar' },
        defaultValue: 'quarterly',
        options: toSelectOptions(REVIEW_FREQUENCIES),
        required: true,
      },
      {
        name: 'nextReviewDue',
        type: 'date',
        ...workflowField,
        admin: {
          date: { displayFormat: DAY_FORMAT, pickerAppearance: 'dayOnly' },
          description: 'Derived: last reviewed + the review interval.',
          position: 'sidebar',
          readOnly: true,
        },
        index: true,
      },
      {
        name: 'reviewState',
        type: 'select',
        ...workflowField,
        admin: {
          components: { Cell: clientComponent('ReviewStateCell') },
          description: 'Derived from the next review date.',
          position: 'sidebar',
          readOnly: true,
        },
        hooks: { afterRead: [currentReviewStateAfterRead(options)] },
        index: true,
        options: toSelectOptions(REVIEW_STATES),
      },
      {
        name: 'submittedBy',
        type: 'relationship',
        ...workflowField,
        admin: { position: 'sidebar', readOnly: true },
        hooks: { beforeDuplicate: [clearOnDuplicate] },
        relationTo: options.usersCollection,
      },
      {
        name: 'assignee',
        type: 'relationship',
        access: { create: serverOnlyField, read: staffField, update: serverOnlyField },
        admin: {
          description: 'The reviewer asked to decide the submission waiting for review (set at submit or by assignment).',
          position: 'sidebar',
          readOnly: true,
        },
        hooks: { beforeDuplicate: [clearOnDuplicate] },
        index: true,
        relationTo: options.usersCollection,
      },
      {
        name: 'lastEditedBy',
        type: 'relationship',
        ...workflowField,
        admin: { description: 'Who last changed the content of the working copy.', position: 'sidebar', readOnly: true },
        hooks: { beforeDuplicate: [clearOnDuplicate] },
        relationTo: options.usersCollection,
      },
      {
        name: 'reviewedBy',
        type: 'relationship',
        ...workflowField,
        admin: { description: 'The reviewer who approved the live version.', position: 'sidebar', readOnly: true },
        hooks: { beforeDuplicate: [clearOnDuplicate] },
        relationTo: options.usersCollection,
      },
      {
        name: 'importHash',
        type: 'text',
        ...workflowField,
        admin: { description: 'Hash of the imported source file: an unchanged file is skipped.', hidden: true },
        hooks: { beforeDuplicate: [clearOnDuplicate] },
      },
      {
        name: 'citationSnapshot',
        type: 'group',
        ...workflowField,
        admin: {
          description: 'The source as it was at the last approval: what the citation outputs of the approved version read.',
          readOnly: true,
        },
        // A duplicate is unreviewed: each part is cleared (a group cleared whole reads as null).
        fields: [
          { name: 'label', type: 'text', hooks: { beforeDuplicate: [clearOnDuplicate] } },
          { name: 'name', type: 'text', hooks: { beforeDuplicate: [clearOnDuplicate] } },
          { name: 'homeUrl', type: 'text', hooks: { beforeDuplicate: [clearOnDuplicate] } },
          { name: 'tierRank', type: 'number', hooks: { beforeDuplicate: [clearOnDuplicate] } },
          { name: 'tierKey', type: 'text', hooks: { beforeDuplicate: [clearOnDuplicate] } },
        ],
      },
      {
        type: 'collapsible',
        admin: { initCollapsed: true },
        fields: [
          {
            name: 'citationText',
            type: 'text',
            admin: { description: 'Formatted citation (Vancouver style), built when read.', readOnly: true },
            hooks: { afterRead: [citationOutputAfterRead(options, 'citationText')] },
            virtual: true,
          },
          {
            name: 'citationCsl',
            type: 'json',
            admin: { description: 'The citation as a CSL-JSON item (type webpage).', readOnly: true },
            hooks: { afterRead: [citationOutputAfterRead(options, 'citationCsl')] },
            virtual: true,
          },
          {
            name: 'jsonLd',
            type: 'json',
            admin: { description: 'schema.org MedicalWebPage JSON-LD.', readOnly: true },
            hooks: { afterRead: [citationOutputAfterRead(options, 'jsonLd')] },
            virtual: true,
          },
        ],
        label: 'Citation and structured data',
      },
      {
        name: 'reviewHistory',
        type: 'join',
        admin: {
          allowCreate: false,
          components: {
            Field: clientComponent('ReviewHistory', { usersSlug: options.usersCollection, workflowEventsSlug: options.collections.workflowEvents }),
          },
          description: 'Every workflow transition of this article.',
        },
        collection: options.collections.workflowEvents,
        defaultSort: '-createdAt',
        on: 'article',
      },
    ],
    // Its parts outside its own config: the delivery queries and workflow mutations of the
    // GraphQL schema, lean GraphQL reads, the search table beside its own and the index of
    // approved articles' source facts (the reviewers' queue), and the parent index of its
    // cancer types and tags (and of their versions), and the indexes its lists and the reviewers'
    // queue answer from at any size.
    custom: declareParts({
      graphQLMutations: createArticleWorkflowMutation(options),
      graphQLQueries: createArticleQueries(options),
      graphQLSelectByDefault: true,
      schemaHooks: [articleSearchTable(table), sourceSnapshotIndex(table), textsParentIndex([table, `_${table}_v`]), articleListIndexes(table)],
    }),
    endpoints: createArticleEndpoints(options),
    hooks: {
      // The weighted search vector of every save that changes the row, in the save's transaction.
      afterChange: [indexArticleForSearchAfterChange(table)],
      beforeChange: [
        protectWorkflowFieldsBeforeChange(options),
        deriveBodyTextBeforeChange,
        deriveReviewDatesBeforeChange(options),
        checkCitationBeforeActivation(options),
      ],
      afterOperation: [refuseContendedOperationAfterOperation],
      beforeDelete: [refuseDeleteBeforeDelete(options)],
      beforeOperation: [
        validateWriteBeforeOperation(
          ARTICLE_WRITE_RULES,
          wellFormedBody(BODY_NODE_TYPES, options.bodyLimits),
          relationsExist('source', options.collections.sources),
          relationsExist('glossaryTerms', options.collections.glossaryTerms),
          relationsExist('counterparts', options.collections.articles),
          relationsExist('translationOf', options.collections.articles),
          uniqueAmongWorkingCopies('url'),
        ),
        refuseChangelogWritesBeforeOperation,
        keepWritesInWorkflowBeforeOperation,
        leaveBodyOutOfListsBeforeOperation,
        selectInputsOfComputedFieldsBeforeOperation,
        serialiseArticleWritesBeforeOperation(options),
        noteVersionOnlySavesBeforeOperation,
      ],
    },
    versions: {
      drafts: true,
      maxPerDoc: 100,
    },
  }
}
