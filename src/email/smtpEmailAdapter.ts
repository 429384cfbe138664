import nodemailer from 'nodemailer'
import type { EmailAdapter } from 'payload'

import type { SmtpSettings } from '../../rules/smtpSettings.js'

/**
 * A Payload email adapter that sends over SMTP with nodemailer, the transport Payload's own
 * `@payloadcms/email-nodemailer` uses (that package is not published at this project's Payload
 * version, and Payload refuses to start with a mismatched one). The transport connects on the
 * first message, so a mail server that is down never stops the app; a failed send rejects, and
 * the notification job that sent it is retried.
 */
export const smtpEmailAdapter = (settings: SmtpSettings): EmailAdapter => {
  const transport = nodemailer.createTransport({
    auth: settings.auth ?? undefined,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
  })
  return () => ({
    name: 'smtp',
    defaultFromAddress: settings.fromAddress,
    defaultFromName: settings.fromName,
    sendEmail: (message) => transport.sendMail({ from: { address: settings.fromAddress, name: settings.fromName }, ...message }),
  })
}
