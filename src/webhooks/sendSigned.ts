import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'

import { checkResolvedAddress, checkWebhookUrl } from '../../rules/webhooks.js'

/** What one try of a delivery came to. */
export interface SendResult {
  durationMs: number
  /** Why there was no usable answer (refused by policy, DNS, connection, timeout), or `null`. */
  error: null | string
  /** The receiver's status code, or `null` when it never answered. */
  statusCode: null | number
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: dns.LookupAddress[] | string, family?: number) => void

/**
 * A DNS lookup (the `lookup` option of `http.request`) that refuses private, loopback and link-local answers (unless the host is
 * allowed): the check runs on the very addresses the socket connects to, so a name that
 * resolves differently a second time (DNS rebinding) cannot slip past it.
 */
export const guardedLookup =
  (allowedHosts: readonly string[]) =>
  (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      const refused = addresses
        .map((entry) => checkResolvedAddress(hostname, entry.address, allowedHosts))
        .find((verdict) => !verdict.ok)
      if (refused && !refused.ok) return callback(Object.assign(new Error(refused.reason), { code: 'EADDRNOTALLOWED' }), [])
      const first = addresses[0]
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), [])
      if (options.all) return callback(null, addresses)
      return callback(null, first.address, first.family)
    })
  }

/**
 * POSTs a signed body to a webhook's URL: the URL policy checked again (options may have
 * changed since the webhook was saved), the resolved address checked, no redirects followed,
 * at most `timeoutMs` for the whole exchange. Never throws: every failure is a result.
 */
export const sendSigned = ({
  allowedHosts,
  body,
  headers,
  timeoutMs,
  url,
}: {
  allowedHosts: readonly string[]
  body: string
  headers: Record<string, string>
  timeoutMs: number
  url: string
}): Promise<SendResult> => {
  const started = performance.now()
  const done = (statusCode: null | number, error: null | string): SendResult => ({
    durationMs: Math.round(performance.now() - started),
    error,
    statusCode,
  })
  const policy = checkWebhookUrl(url, allowedHosts)
  if (!policy.ok) return Promise.resolve(done(null, policy.reason))
  const target = new URL(url)
  const host = target.hostname.replace(/^\[|\]$/g, '')
  // An IP literal is connected to without a lookup: judge it here.
  if (net.isIP(host)) {
    const verdict = checkResolvedAddress(host, host, allowedHosts)
    if (!verdict.ok) return Promise.resolve(done(null, verdict.reason))
  }
  const client = target.protocol === 'https:' ? https : http
  return new Promise((resolve) => {
    let settled = false
    const finish = (statusCode: null | number, error: null | string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(done(statusCode, error))
    }
    const request = client.request(
      target,
      {
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)), 'Content-Type': 'application/json' },
        lookup: guardedLookup(allowedHosts),
        method: 'POST',
      },
      (response) => {
        // The answer's body is not needed: drain it so the socket is freed.
        response.resume()
        response.on('end', () => finish(response.statusCode ?? null, null))
        response.on('error', (error) => finish(response.statusCode ?? null, error.message))
      },
    )
    const timer = setTimeout(() => {
      request.destroy()
      finish(null, `No answer within ${timeoutMs} ms`)
    }, timeoutMs)
    request.on('error', (error) => finish(null, error.message))
    request.end(body)
  })
}
