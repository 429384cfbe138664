/** The browser event the workflow panel fires after a transition, so the review history re-reads. */
export const WORKFLOW_CHANGED_EVENT = 'cancer-content:workflow-changed'
