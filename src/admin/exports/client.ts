// Client components of the plugin, referenced from the admin config as
// `payload-plugin-governed-cancer-content/client#<Name>` (Payload's import map resolves them).
export { PublishOnApproval, NoUnpublish } from '../components/PublishOnApproval.js'
export { ReviewHistory } from '../components/ReviewHistory.js'
export { ReviewQueueWidget } from '../components/ReviewQueueWidget.js'
export { ReviewStateCell } from '../components/ReviewStateCell.js'
export { StatusCell } from '../components/StatusCell.js'
export { WorkflowPanel } from '../components/WorkflowPanel/index.js'
export { WorkflowStatus } from '../components/WorkflowStatus.js'
export { SendTestEventButton } from '../components/SendTestEventButton.js'
export { ArticleListFilters } from '../components/ArticleListFilters/index.js'
export { RoleField } from '../components/RoleField.js'
export { TrustNotices } from '../components/TrustNotices.js'
