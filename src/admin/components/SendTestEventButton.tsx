'use client'
import { Button, toast, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { type CSSProperties, useCallback, useState } from 'react'

/** Props the plugin passes to the button (`clientProps`). */
export interface SendTestEventButtonProps {
  /** Slug of the webhooks collection. */
  webhooksSlug?: string
}

const note: CSSProperties = { color: 'var(--theme-elevation-650)', fontSize: '12px', margin: '4px 0 0' }

/**
 * "Send test event" in a webhook's edit view: POSTs a signed `webhook.test` event to the
 * webhook now and shows what the receiver answered (the try is recorded as a delivery).
 */
export const SendTestEventButton = ({ webhooksSlug = 'webhooks' }: SendTestEventButtonProps) => {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<null | string>(null)

  const send = useCallback(async () => {
    if (!id) return
    setBusy(true)
    try {
      const response = await fetch(`${config.serverURL}${config.routes.api}/${webhooksSlug}/${id}/test`, {
        credentials: 'include',
        method: 'POST',
      })
      const body = (await response.json()) as { errors?: { message: string }[]; message?: string }
      const message = body.message ?? body.errors?.[0]?.message ?? `HTTP ${response.status}`
      setResult(message)
      if (response.ok && message.startsWith('Delivered')) toast.success(message)
      else toast.error(message)
    } finally {
      setBusy(false)
    }
  }, [config.routes.api, config.serverURL, id, webhooksSlug])

  if (!id) return <p style={note}>Save the webhook to send a test event.</p>
  return (
    <div data-testid="send-test-event">
      <Button buttonStyle="secondary" disabled={busy} onClick={() => void send()} size="small">
        {busy ? 'Sending…' : 'Send test event'}
      </Button>
      {result ? (
        <p data-testid="send-test-event-result" style={note}>
          {result}
        </p>
      ) : null}
    </div>
  )
}
