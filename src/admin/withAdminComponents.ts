import type { CollectionConfig, Config, Field, WidgetInstance } from 'payload'

import type { SanitizedOptions } from '../../rules/options.js'
// Type-only: the names below are checked against what the client entry really exports.
import type * as ClientExports from './exports/client.js'

/** The package name host apps install; component paths resolve through its `./client` export. */
export const PACKAGE_NAME = 'payload-plugin-governed-cancer-content'

/** Slug of the dashboard widget that lists what needs attention (the reviewers' queue). */
export const REVIEW_QUEUE_WIDGET = 'cancer-content-review-queue'

/** Name of the UI field that holds the "send test event" button in the webhook edit view. */
export const SEND_TEST_EVENT_FIELD = 'sendTestEvent'

/** Name of the UI field that holds the workflow panel in the article edit view. */
export const WORKFLOW_PANEL_FIELD = 'workflowPanel'

type ClientComponentName = keyof typeof ClientExports

/** A reference to a component: its import-map path, with the props the client receives. */
type ComponentRef = string | { clientProps: Record<string, unknown>; path: string }

/** A component of the plugin's client entry, as Payload's import map references it. */
const clientComponent = (name: ClientComponentName, clientProps?: Record<string, unknown>): ComponentRef =>
  clientProps ? { clientProps, path: `${PACKAGE_NAME}/client#${name}` } : `${PACKAGE_NAME}/client#${name}`

type FieldAdmin = { admin?: Record<string, unknown> }

// A field with admin settings merged in; components are merged one level deeper.
const withAdmin = <F extends Field>(field: F, admin: Record<string, unknown>): F => {
  const current = (field as FieldAdmin).admin ?? {}
  const components = { ...(current.components as object | undefined), ...(admin.components as object | undefined) }
  return { ...field, admin: { ...current, ...admin, components } } as F
}

/** Review dates are calendar days: shown without a time of day, in the list and the form. */
const DAY_FORMAT = 'd MMM yyyy'

const withDayFormat = (field: Field): Field =>
  field.type === 'date'
    ? { ...field, admin: { ...field.admin, date: { ...field.admin?.date, displayFormat: DAY_FORMAT } } }
    : field

const named = (field: Field): string | undefined => ('name' in field ? field.name : undefined)

const mapFields = (fields: Field[], wire: (field: Field) => Field[]): Field[] => fields.flatMap(wire)

const mapCollection = (
  collections: CollectionConfig[],
  slug: string,
  wire: (collection: CollectionConfig) => CollectionConfig,
): CollectionConfig[] => collections.map((collection) => (collection.slug === slug ? wire(collection) : collection))

/**
 * Wires the plugin's admin components into a config the plugin has assembled, and returns a
 * new config (the incoming one is left untouched):
 * - articles: status and review-state list cells (visibly distinct badges), review dates as
 *   days, the workflow panel at the top of the edit sidebar, the review history in place of the
 *   join table, the workflow state in the document controls, and a "goes live on approval" note
 *   instead of Publish/Unpublish, which would bypass the workflow; in the list, the reviewer's
 *   quick filters (in review, assigned to me, overdue, due soon), which also hide the list's bulk
 *   Edit/Publish/Unpublish buttons (not `disableBulkEdit`: in Payload 3.90 it also refuses REST
 *   bulk updates, which must keep working under the same rules);
 * - users: on the first-register screen the role says "Admin" (the plugin makes the first user
 *   an admin) rather than the field's default;
 * - glossary terms: the articles that use a term, listed with their state;
 * - webhooks: a "send test event" button in the edit sidebar;
 * - workflow events: from/to states as badges;
 * - the dashboard: the review-queue widget first, before the host's own layout.
 */
export const withAdminComponents = (options: SanitizedOptions, config: Config): Config => {
  const { articles, glossaryTerms, workflowEvents } = options.collections
  const statusCell = { components: { Cell: clientComponent('StatusCell') } }

  let collections = config.collections ?? []

  collections = mapCollection(collections, articles, (collection) => ({
    ...collection,
    admin: {
      ...collection.admin,
      components: {
        ...collection.admin?.components,
        beforeListTable: [
          ...(collection.admin?.components?.beforeListTable ?? []),
          clientComponent('ArticleListFilters', { dueSoonDays: options.dueSoonDays }),
        ],
        edit: {
          ...collection.admin?.components?.edit,
          PublishButton: clientComponent('PublishOnApproval'),
          Status: clientComponent('WorkflowStatus'),
          UnpublishButton: clientComponent('NoUnpublish'),
        },
      },
    },
    fields: mapFields(collection.fields, (field) => {
      switch (named(field)) {
        case 'status':
          return [
            {
              name: WORKFLOW_PANEL_FIELD,
              type: 'ui',
              admin: {
                components: {
                  Field: clientComponent('WorkflowPanel', {
                    fourEyes: options.fourEyes,
                    usersSlug: options.usersCollection,
                    workflowEventsSlug: workflowEvents,
                  }),
                },
                disableListColumn: true,
                position: 'sidebar',
              },
            } satisfies Field,
            withAdmin(field, statusCell),
          ]
        case 'lastReviewed':
        case 'nextReviewDue':
          return [withDayFormat(field)]
        case 'reviewState':
          return [withAdmin(field, { components: { Cell: clientComponent('ReviewStateCell') } })]
        case 'reviewHistory':
          return [
            withAdmin(field, {
              allowCreate: false,
              components: {
                Field: clientComponent('ReviewHistory', {
                  usersSlug: options.usersCollection,
                  workflowEventsSlug: workflowEvents,
                }),
              },
            }),
          ]
        default:
          return [field]
      }
    }),
  }))

  collections = mapCollection(collections, options.usersCollection, (collection) => ({
    ...collection,
    fields: mapFields(collection.fields, (field) =>
      named(field) === 'role' ? [withAdmin(field, { components: { Field: clientComponent('RoleField') } })] : [field],
    ),
  }))

  collections = mapCollection(collections, glossaryTerms, (collection) => ({
    ...collection,
    fields: mapFields(collection.fields, (field) =>
      named(field) === 'usedBy'
        ? [withAdmin(field, { allowCreate: false, defaultColumns: ['title', 'status', 'reviewState', 'language'] })]
        : [field],
    ),
  }))

  collections = mapCollection(collections, options.collections.webhooks, (collection) => ({
    ...collection,
    fields: [
      ...collection.fields,
      {
        name: SEND_TEST_EVENT_FIELD,
        type: 'ui',
        admin: {
          components: { Field: clientComponent('SendTestEventButton', { webhooksSlug: options.collections.webhooks }) },
          disableListColumn: true,
          position: 'sidebar',
        },
      } satisfies Field,
    ],
  }))

  collections = mapCollection(collections, workflowEvents, (collection) => ({
    ...collection,
    fields: mapFields(collection.fields, (field) =>
      named(field) === 'from' || named(field) === 'to' ? [withAdmin(field, statusCell)] : [field],
    ),
  }))

  const dashboard = config.admin?.dashboard
  const hostLayout = dashboard?.defaultLayout
  // Generated widget types name only the host's widgets; the slug is the plugin's own.
  const queueWidget = { widgetSlug: REVIEW_QUEUE_WIDGET, width: 'full' } as unknown as WidgetInstance

  return {
    ...config,
    admin: {
      ...config.admin,
      dashboard: {
        ...dashboard,
        defaultLayout: async ({ req }) => {
          const host = typeof hostLayout === 'function' ? await hostLayout({ req }) : hostLayout
          // Without a layout of the host's, Payload's own default: the collection cards.
          const rest = host ?? ([{ widgetSlug: 'collections', width: 'full' }] as unknown as WidgetInstance[])
          return [queueWidget, ...rest.filter((item) => String(item.widgetSlug) !== REVIEW_QUEUE_WIDGET)]
        },
        widgets: [
          ...(dashboard?.widgets ?? []),
          {
            slug: REVIEW_QUEUE_WIDGET,
            Component: clientComponent('ReviewQueueWidget', {
              articlesSlug: articles,
              workflowEventsSlug: workflowEvents,
            }),
            label: 'Review queue',
            minWidth: 'medium',
          },
        ],
      },
    },
    collections,
  }
}
