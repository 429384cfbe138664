import type { WorkflowAction } from './vocabulary.js'

/**
 * The statement a reviewer attests when approving or reaffirming an article. Its text and
 * version are recorded on the workflow event; a new wording gets a new version, so that every
 * event keeps saying exactly what its reviewer attested.
 */
export const ATTESTATION = {
  statement: 'I checked this content against its sources and it is accurate as of today.',
  version: '1',
} as const

/** The actions that certify content to readers: each needs the reviewer's attestation. */
export const ATTESTED_ACTIONS = ['approve', 'reaffirm'] as const satisfies readonly WorkflowAction[]

/** Whether `action` requires `attestation: true` (approve and reaffirm do). */
export const attestationRequired = (action: WorkflowAction): boolean => (ATTESTED_ACTIONS as readonly WorkflowAction[]).includes(action)
