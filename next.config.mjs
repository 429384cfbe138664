import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database (PGlite) is owned by scripts/run.mjs, never by Next; keep these packages
  // out of the bundle anyway so an accidental import cannot break on a bundled WASM/`URL` path.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-socket'],
  turbopack: { root: dirname },
  // The sources import TypeScript files with `.js` specifiers (NodeNext style): let webpack find them.
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

// Next loads its config through the default export.
export default withPayload(nextConfig, { devBundleServerPackages: false })
