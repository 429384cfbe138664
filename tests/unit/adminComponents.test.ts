import type { CollectionConfig, Field } from 'payload'

import { PACKAGE_NAME, WORKFLOW_PANEL_FIELD, SEND_TEST_EVENT_FIELD } from '../../collections/adminComponents.js'
import { createArticlesCollection } from '../../collections/Articles/index.js'
import { createGlossaryTermsCollection } from '../../collections/GlossaryTerms/index.js'
import { createWebhooksCollection } from '../../collections/Webhooks/index.js'
import { createWorkflowEventsCollection } from '../../collections/WorkflowEvents/index.js'
import { DEFAULT_OPTIONS } from '../../rules/options.js'

// The admin components are declared by the collection factories beside the fields they show:
// the client components read these fields by name, so a rename must fail here.

const topLevel = (fields: Field[]): Field[] =>
  fields.flatMap((field) => (field.type === 'row' || field.type === 'collapsible' ? topLevel(field.fields) : [field]))
const fieldOf = (collection: CollectionConfig, name: string): Record<string, unknown> & { admin?: Record<string, unknown> } => {
  const found = topLevel(collection.fields).find((field) => 'name' in field && field.name === name)
  if (!found) throw new Error(`${collection.slug} has no field "${name}"`)
  return found as Record<string, unknown> & { admin?: Record<string, unknown> }
}
const componentsOf = (field: { admin?: Record<string, unknown> }) => field.admin?.components as Record<string, unknown> | undefined
const client = (name: string) => `${PACKAGE_NAME}/client#${name}`

const articles = createArticlesCollection(DEFAULT_OPTIONS)

describe('the articles collection declares its admin components', () => {
  it('shows the status as a badge, with the workflow panel right before it in the sidebar', () => {
    expect(componentsOf(fieldOf(articles, 'status'))).toEqual({ Cell: client('StatusCell') })
    const names = topLevel(articles.fields).map((field) => ('name' in field ? field.name : field.type))
    expect(names.indexOf(WORKFLOW_PANEL_FIELD)).toBe(names.indexOf('status') - 1)
    expect(fieldOf(articles, WORKFLOW_PANEL_FIELD)).toMatchObject({
      type: 'ui',
      admin: {
        components: {
          Field: {
            clientProps: { fourEyes: true, workflowEventsSlug: 'workflow-events' },
            path: client('WorkflowPanel'),
          },
        },
        position: 'sidebar',
      },
    })
  })

  it('shows the review history through its own component, with no create button', () => {
    expect(fieldOf(articles, 'reviewHistory')).toMatchObject({
      type: 'join',
      admin: {
        allowCreate: false,
        components: { Field: { clientProps: { workflowEventsSlug: 'workflow-events' }, path: client('ReviewHistory') } },
      },
    })
  })

  it('shows review dates as days and the review state as a badge', () => {
    for (const name of ['lastReviewed', 'nextReviewDue']) {
      expect(fieldOf(articles, name).admin?.date).toMatchObject({ displayFormat: 'd MMM yyyy', pickerAppearance: 'dayOnly' })
    }
    expect(componentsOf(fieldOf(articles, 'reviewState'))).toEqual({ Cell: client('ReviewStateCell') })
  })

  it('replaces Publish and Unpublish, which would bypass the workflow', () => {
    expect(articles.admin?.components?.edit).toEqual({
      PublishButton: client('PublishOnApproval'),
      Status: client('WorkflowStatus'),
      UnpublishButton: client('NoUnpublish'),
    })
  })
})

describe('the other collections declare theirs', () => {
  it('glossary terms list the articles that use them, without a create button', () => {
    expect(fieldOf(createGlossaryTermsCollection(DEFAULT_OPTIONS), 'usedBy').admin).toMatchObject({
      allowCreate: false,
      defaultColumns: ['title', 'status', 'reviewState', 'language'],
    })
  })

  it('workflow events show from and to as badges', () => {
    const events = createWorkflowEventsCollection(DEFAULT_OPTIONS)
    expect(componentsOf(fieldOf(events, 'from'))).toEqual({ Cell: client('StatusCell') })
    expect(componentsOf(fieldOf(events, 'to'))).toEqual({ Cell: client('StatusCell') })
  })

  it('webhooks have a "send test event" button in the sidebar', () => {
    expect(fieldOf(createWebhooksCollection(DEFAULT_OPTIONS), SEND_TEST_EVENT_FIELD)).toMatchObject({
      type: 'ui',
      admin: {
        components: { Field: { clientProps: { webhooksSlug: 'webhooks' }, path: client('SendTestEventButton') } },
        position: 'sidebar',
      },
    })
  })
})
