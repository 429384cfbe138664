/**
 * How collection factories name the plugin's admin components. Each factory declares the
 * components of its own fields beside the fields (as Payload's plugin-seo field factories do),
 * so a renamed field keeps its component and a missing component fails the type check.
 */

/** The package name host apps install; component paths resolve through its `./client` export. */
export const PACKAGE_NAME = 'payload-plugin-governed-cancer-content'

/** Name of the UI field that holds the workflow panel in the article edit view. */
export const WORKFLOW_PANEL_FIELD = 'workflowPanel'

/** Name of the UI field that holds the "send test event" button in the webhook edit view. */
export const SEND_TEST_EVENT_FIELD = 'sendTestEvent'

/** Review dates are calendar days: shown without a time of day, in the list and the form. */
export const DAY_FORMAT = 'd MMM yyyy'

/**
 * The components of the plugin's client entry (src/admin/exports/client.ts) that collections
 * name. src/admin/withAdminComponents.ts fails the type check when one of them is not exported.
 */
export const CLIENT_COMPONENTS = [
  'ArticleListFilters',
  'NoUnpublish',
  'PublishOnApproval',
  'ReviewHistory',
  'ReviewQueueWidget',
  'ReviewStateCell',
  'RoleField',
  'SendTestEventButton',
  'StatusCell',
  'WorkflowPanel',
  'WorkflowStatus',
] as const

/** A component of the plugin's client entry, by its export name. */
export type ClientComponentName = (typeof CLIENT_COMPONENTS)[number]

/** A reference to a component: its import-map path, with the props the client receives. */
export type ComponentRef = string | { clientProps: Record<string, unknown>; path: string }

/** A component of the plugin's client entry, as Payload's import map references it. */
export const clientComponent = (name: ClientComponentName, clientProps?: Record<string, unknown>): ComponentRef =>
  clientProps ? { clientProps, path: `${PACKAGE_NAME}/client#${name}` } : `${PACKAGE_NAME}/client#${name}`

/** The list cell of a workflow state: a badge (articles' `status`, workflow events' `from`/`to`). */
export const statusCell = { Cell: clientComponent('StatusCell') }
