'use client'
import { useConfig } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import { type CSSProperties, useEffect, useState } from 'react'

/** Props of the trust notices (rendered inside the workflow panel). */
export interface TrustNoticesProps {
  collectionSlug: string
  id: number | string
  /** Changes when the article is saved or moved: read again. */
  refreshKey?: unknown
}

interface TrustData {
  broken: number
  evidence: { status: null | string; statusCode: null | number; url: string }[]
  notices: { article: { id: number; title: string }; date: null | string; links: { api: string; compare: null | string }; note: string; reason: string }[]
}

const warning: CSSProperties = {
  background: 'var(--theme-warning-50)',
  border: '1px solid var(--theme-warning-400)',
  borderRadius: 'var(--style-radius-s, 3px)',
  color: 'var(--theme-warning-850)',
  fontSize: '13px',
  lineHeight: '19px',
  margin: 0,
  padding: '8px 10px',
}

const REASONS: Record<string, string> = {
  counterpart_changed: 'Its version for the other audience changed',
  translation_outdated: 'A translation of it changed',
}

/**
 * What a reviewer must know before deciding, from `GET /api/<articles>/:id/trust`: evidence
 * links the checker found broken (approval is allowed, with a warning) and approved changes of
 * linked versions (counterpart, translation) this article must be brought in step with, each
 * with its note and a link to its diff. Renders nothing when there is nothing to say.
 */
export const TrustNotices = ({ collectionSlug, id, refreshKey }: TrustNoticesProps) => {
  const { config } = useConfig()
  const [data, setData] = useState<null | TrustData>(null)

  useEffect(() => {
    const controller = new AbortController()
    const url = formatAdminURL({ apiRoute: config.routes.api, path: `/${collectionSlug}/${id}/trust`, serverURL: config.serverURL })
    fetch(url, { credentials: 'include', signal: controller.signal })
      .then(async (response) => (response.ok ? setData((await response.json()) as TrustData) : setData(null)))
      .catch(() => undefined)
    return () => controller.abort()
  }, [collectionSlug, config.routes.api, config.serverURL, id, refreshKey])

  if (!data || (data.broken === 0 && data.notices.length === 0)) return null
  const broken = data.evidence.filter((entry) => entry.status === 'broken')
  return (
    <div data-testid="trust-notices" style={{ display: 'flex', flexDirection: 'column', gap: '6px' }}>
      {broken.length > 0 ? (
        <div data-testid="evidence-broken" style={warning}>
          <strong>
            {broken.length} evidence link{broken.length === 1 ? '' : 's'} broken
          </strong>{' '}
          (approval is allowed; check the citations):
          <ul style={{ margin: '4px 0 0', paddingLeft: '18px' }}>
            {broken.slice(0, 10).map((entry) => (
              <li key={entry.url} style={{ wordBreak: 'break-all' }}>
                <a href={entry.url} rel="noreferrer noopener" target="_blank">
                  {entry.url}
                </a>
                {entry.statusCode ? ` (${entry.statusCode})` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.notices.map((notice) => (
        <div data-testid="linked-change" key={`${notice.article.id}:${notice.date}:${notice.reason}`} style={warning}>
          <strong>{REASONS[notice.reason] ?? notice.reason}</strong>: “{notice.article.title}”{notice.date ? ` on ${notice.date}` : ''}.{' '}
          <span style={{ whiteSpace: 'pre-wrap' }}>{notice.note}</span>{' '}
          {notice.links.compare ? <a href={notice.links.compare}>See the change</a> : null}
        </div>
      ))}
    </div>
  )
}
