import { decideDelete, decideEdit } from '../../rules/articleAccess.js'
import { ARTICLE_STATUSES, type ArticleStatus, type Role, ROLES } from '../../rules/vocabulary.js'

type Outcome = 'conflict' | 'forbidden' | 'ok'

const ROLES_AND_ANONYMOUS = [...ROLES, null] as const

// Who may edit a working copy in each state: the table the rule must reproduce.
const EDIT: Record<ArticleStatus, Record<Role | 'anonymous', Outcome>> = {
  active: { admin: 'ok', anonymous: 'forbidden', editor: 'ok', reviewer: 'forbidden' },
  draft: { admin: 'ok', anonymous: 'forbidden', editor: 'ok', reviewer: 'forbidden' },
  in_review: { admin: 'ok', anonymous: 'forbidden', editor: 'conflict', reviewer: 'forbidden' },
  retired: { admin: 'ok', anonymous: 'forbidden', editor: 'conflict', reviewer: 'forbidden' },
}

const outcomeOf = (decision: ReturnType<typeof decideEdit>): Outcome => (decision.ok ? 'ok' : decision.refusal.kind)

describe('decideEdit: every state × role', () => {
  it.each(ARTICLE_STATUSES.flatMap((status) => ROLES_AND_ANONYMOUS.map((role) => ({ role, status }))))(
    '$role on $status',
    ({ role, status }) => {
      expect(outcomeOf(decideEdit({ role, status }))).toBe(EDIT[status][role ?? 'anonymous'])
    },
  )

  it('says why, naming the state', () => {
    expect(decideEdit({ role: 'editor', status: 'in_review' })).toEqual({
      ok: false,
      refusal: { kind: 'conflict', message: expect.stringContaining('in review') },
    })
    expect(decideEdit({ role: 'editor', status: 'retired' })).toEqual({
      ok: false,
      refusal: { kind: 'conflict', message: expect.stringContaining('retired') },
    })
  })
})

// Who may delete, by the working copy's state and the article's past. Statuses that cannot go
// with a past (an active article that never went live) are still decided: the rule must be safe.
const PASTS = [
  { everLive: false, everSubmitted: false, name: 'never submitted' },
  { everLive: false, everSubmitted: true, name: 'submitted, sent back' },
  { everLive: true, everSubmitted: true, name: 'was live' },
  { everLive: true, everSubmitted: false, name: 'was live (imported)' },
] as const

const expectedDelete = (role: null | Role, status: ArticleStatus, past: (typeof PASTS)[number]): Outcome => {
  if (role !== 'admin' && role !== 'editor') return 'forbidden'
  if (status === 'in_review' || status === 'active' || status === 'retired' || past.everLive) return 'conflict'
  if (role === 'editor' && past.everSubmitted) return 'forbidden'
  return 'ok'
}

const deleteCases = ARTICLE_STATUSES.flatMap((status) =>
  PASTS.flatMap((past) => ROLES_AND_ANONYMOUS.map((role) => ({ past, pastName: past.name, role, status }))),
)

describe('decideDelete: every state × past × role', () => {
  it.each(deleteCases)('$role on $status ($pastName)', ({ past, role, status }) => {
    const decision = decideDelete({ everLive: past.everLive, everSubmitted: past.everSubmitted, role, status })
    expect(decision.ok ? 'ok' : decision.refusal.kind).toBe(expectedDelete(role, status, past))
  })

  it('allows exactly: editors and admins on never-submitted drafts, admins on drafts sent back', () => {
    const allowed = deleteCases
      .filter(({ past, role, status }) => decideDelete({ ...past, role, status }).ok)
      .map(({ pastName, role, status }) => `${role} ${status} ${pastName}`)
    expect(allowed.sort()).toEqual(
      ['admin draft never submitted', 'admin draft submitted, sent back', 'editor draft never submitted'].sort(),
    )
  })

  it('tells an editor to retire what was live, and nobody deletes what is in review', () => {
    const live = decideDelete({ everLive: true, everSubmitted: true, role: 'admin', status: 'draft' })
    expect(live).toEqual({ ok: false, refusal: { kind: 'conflict', message: expect.stringContaining('Retire it instead') } })
    const reviewing = decideDelete({ everLive: false, everSubmitted: true, role: 'admin', status: 'in_review' })
    expect(reviewing).toEqual({ ok: false, refusal: { kind: 'conflict', message: expect.stringContaining('in review') } })
  })
})
