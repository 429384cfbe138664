'use client'
import { useConfig } from '@payloadcms/ui'
import { type CSSProperties, useEffect, useState } from 'react'

import { describeFirstBootImport, type FirstBootImportStatus as Status, importInProgress } from './status.js'

const POLL_MS = 2_000

const banner: CSSProperties = {
  background: 'var(--theme-warning-100, #fff4d6)',
  borderBottom: '1px solid var(--theme-warning-250, #f0c36d)',
  color: 'var(--theme-elevation-800)',
  fontSize: '13px',
  padding: '8px 20px',
}

/**
 * The admin's banner while the demo's first-boot import runs: how far it is, updated every two
 * seconds; gone once it is done (it stays when articles failed, to say so).
 */
export const FirstBootImportStatus = () => {
  const {
    config: {
      routes: { api },
      serverURL,
    },
  } = useConfig()
  const [status, setStatus] = useState<null | Status>(null)

  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      let next: null | Status = null
      try {
        const response = await fetch(`${serverURL}${api}/first-boot-import`, { cache: 'no-store', credentials: 'include' })
        if (response.ok) next = (await response.json()) as Status
      } catch {
        // The server restarting: ask again on the next tick.
      }
      if (stopped) return
      setStatus(next)
      if (!next || importInProgress(next)) timer = setTimeout(() => void poll(), POLL_MS)
    }
    void poll()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [api, serverURL])

  const text = status ? describeFirstBootImport(status) : null
  if (!text) return null
  return (
    <div aria-live="polite" data-testid="first-boot-import" role="status" style={banner}>
      {text}
    </div>
  )
}
