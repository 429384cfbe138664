'use client'

/**
 * Stands in for Payload's Publish button on articles: nothing goes live by saving (the server
 * keeps every save a draft), only by a reviewer's approval in the workflow panel. A working
 * Publish button there would promise what the server refuses, so the slot says how it works.
 */
export const PublishOnApproval = () => (
  <span
    data-testid="publish-on-approval"
    style={{ alignSelf: 'center', color: 'var(--theme-elevation-600)', fontSize: '12px', whiteSpace: 'nowrap' }}
    title="Articles go live only when a reviewer approves them in the workflow panel."
  >
    Goes live on approval
  </span>
)

/** Stands in for Payload's Unpublish button on articles: an approved article is retired through the workflow instead. */
export const NoUnpublish = () => null
