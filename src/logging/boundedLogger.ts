import { type Config, defaultLoggerOptions } from 'payload'

import { boundErrorForLog, boundLogArgument } from '../../rules/logBounds.js'

/** Payload's `logger` setting in its options-and-destination form. */
type LoggerSetting = Extract<NonNullable<Config['logger']>, { options: unknown }>

/**
 * Payload's default logger (pino, pretty-printed) with every entry bounded (rules/logBounds.ts):
 * messages and queries cut to size, query parameters and request bodies never written whole, so
 * one bad 5 MB request writes a few kilobytes of log, not megabytes. The plugin installs it when
 * the host configures no logger of its own; a host with its own pino logger can use
 * `boundErrorForLog` as its `err` serializer.
 */
export const boundedLogger = (): LoggerSetting => ({
  destination: defaultLoggerOptions,
  options: {
    hooks: {
      logMethod(inputArgs, method) {
        const [first, ...rest] = inputArgs
        method.apply(this, [boundLogArgument(first), ...rest.map(boundLogArgument)] as unknown as Parameters<typeof method>)
      },
    },
    serializers: { err: boundErrorForLog },
  },
})
