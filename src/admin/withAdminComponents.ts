import type { Config, WidgetInstance } from 'payload'

import { type ClientComponentName, clientComponent } from '../../collections/adminComponents.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

// Type-only: every component a collection names must be exported by the client entry.
import type * as ClientExports from './exports/client.js'

/** The component names the collections use that the client entry does not export: must be none. */
type MissingClientComponents = Exclude<ClientComponentName, keyof typeof ClientExports>
const everyComponentExported: [MissingClientComponents] extends [never] ? true : MissingClientComponents = true
void everyComponentExported

export { PACKAGE_NAME, SEND_TEST_EVENT_FIELD, WORKFLOW_PANEL_FIELD } from '../../collections/adminComponents.js'

/** Slug of the dashboard widget that lists what needs attention (the reviewers' queue). */
export const REVIEW_QUEUE_WIDGET = `${PLUGIN_NAME}-review-queue`

/**
 * Adds the review-queue widget to the admin dashboard, first, before the host's own layout, and
 * returns a new config (the incoming one is left untouched). The components of the plugin's
 * collections are declared by the collection factories themselves (collections/…/index.ts).
 */
export const withAdminComponents = (options: SanitizedOptions, config: Config): Config => {
  const articles = options.collections.articles
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
            Component: clientComponent('ReviewQueueWidget', { articlesSlug: articles, workflowEventsSlug: options.collections.workflowEvents }),
            label: 'Review queue',
            minWidth: 'medium',
          },
        ],
      },
    },
  }
}
