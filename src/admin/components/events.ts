import { PLUGIN_NAME } from '../../../rules/pluginName.js'

/** The browser event the workflow panel fires after a transition, so the review history re-reads. */
export const WORKFLOW_CHANGED_EVENT = `${PLUGIN_NAME}:workflow-changed`

/** The element id of the review history in the article edit view (the panel links to it). */
export const REVIEW_HISTORY_ANCHOR = 'review-history'
