import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The sources import TypeScript files with `.js` specifiers (NodeNext style): let webpack find them.
  // Turbopack has no equivalent yet (vercel/next.js#82945), so scripts/run.mjs runs next with --webpack.
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

// The "same data model" app of bench/reads.ts, built the same way as ours. Next loads its config through the default export.
export default withPayload(nextConfig, { devBundleServerPackages: false })
