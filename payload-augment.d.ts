// Gives the Local API in this repository (demo app, tests) the generated document types. The
// generated file itself declares no module, so that the published plugin, which exports those
// document types, never imposes this app's collections on a host app's types.
import type { Config } from './payload-types.js'

declare module 'payload' {
  export interface GeneratedTypes extends Config {}
}
