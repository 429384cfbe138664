'use client'
import { useDocumentInfo, useFormFields } from '@payloadcms/ui'

import { StatusBadge } from './Badge.js'

/**
 * Stands in for Payload's draft/published status in the article's document controls: the
 * workflow state of the working copy, and whether an approved version is live. (Payload's own
 * "Draft"/"Changed" and its revert and unpublish actions would speak past the workflow.)
 */
export const WorkflowStatus = () => {
  const { hasPublishedDoc, id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value)
  if (id === undefined || id === null) return null
  return (
    <div
      data-testid="workflow-status-control"
      style={{ alignItems: 'center', display: 'flex', flexWrap: 'wrap', gap: '6px', fontSize: '13px' }}
    >
      <span style={{ color: 'var(--theme-elevation-600)' }}>Workflow:</span>
      <StatusBadge status={status ?? 'draft'} />
      <span style={{ color: 'var(--theme-elevation-600)' }}>
        {status === 'retired'
          ? 'Not served to the public.'
          : hasPublishedDoc
            ? 'An approved version is live.'
            : 'Not live yet.'}
      </span>
    </div>
  )
}
