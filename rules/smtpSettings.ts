/** What the SMTP email adapter needs, read from the environment. */
export interface SmtpSettings {
  auth: { pass: string; user: string } | null
  fromAddress: string
  fromName: string
  host: string
  port: number
  /** TLS from the first byte (port 465); other ports upgrade with STARTTLS when the server offers it. */
  secure: boolean
}

/** The sender name when `SMTP_FROM` gives an address only. */
export const DEFAULT_FROM_NAME = 'Governed cancer content'

/**
 * SMTP settings from `SMTP_HOST`, `SMTP_PORT` (default 587), `SMTP_USER`/`SMTP_PASS` (both
 * optional) and `SMTP_FROM` (`Name <address>` or an address; default `cms@localhost`). `null`
 * without `SMTP_HOST`: Payload then writes mail to the log.
 * @throws Error naming the variable when a value is unusable
 */
export const smtpSettingsFromEnv = (env: Readonly<Record<string, string | undefined>>): null | SmtpSettings => {
  const host = env.SMTP_HOST?.trim()
  if (!host) return null
  const port = env.SMTP_PORT?.trim() ? Number(env.SMTP_PORT) : 587
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`SMTP_PORT must be a port number, not "${env.SMTP_PORT}"`)
  const from = env.SMTP_FROM?.trim() || 'cms@localhost'
  const named = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(from)
  const fromAddress = named ? (named[2] ?? '') : from
  if (!/^[^<>\s@]+@[^<>\s@]+$/.test(fromAddress)) throw new Error(`SMTP_FROM must be an address or "Name <address>", not "${from}"`)
  const user = env.SMTP_USER?.trim()
  return {
    auth: user ? { pass: env.SMTP_PASS ?? '', user } : null,
    fromAddress,
    fromName: named?.[1]?.replace(/^"|"$/g, '').trim() || DEFAULT_FROM_NAME,
    host,
    port,
    secure: port === 465,
  }
}
