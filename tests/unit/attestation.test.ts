import { ATTESTATION, ATTESTED_ACTIONS, attestationRequired } from '../../rules/attestation.js'
import { WORKFLOW_ACTIONS } from '../../rules/vocabulary.js'

// rules/attestation.ts: which actions certify content to readers, and what their reviewer attests.
// How decideTransition applies it is tested with the workflow (workflow.test.ts).

describe('attestationRequired', () => {
  it.each([
    ['submit', false],
    ['approve', true],
    ['request_changes', false],
    ['reaffirm', true],
    ['retire', false],
  ] as const)('%s: %s', (action, required) => {
    expect(attestationRequired(action)).toBe(required)
  })

  it('has a row for every workflow action, and the attested ones are actions', () => {
    expect(WORKFLOW_ACTIONS.filter(attestationRequired)).toEqual([...ATTESTED_ACTIONS])
  })
})

describe('ATTESTATION', () => {
  it('is a statement in the first person with a version that events record', () => {
    expect(ATTESTATION.statement).toMatch(/^I checked .+ sources/)
    expect(ATTESTATION.version).toMatch(/^\d+$/)
  })
})
