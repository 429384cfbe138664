import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // next dev serves its hot-reload socket (/_next/hmr) to localhost only: a browser on
  // http://127.0.0.1:<port> was refused, and Next's client then reloaded the page every ~40 s
  // (the admin never stayed up long enough to save). Loopback is as local as localhost.
  allowedDevOrigins: ['127.0.0.1'],
  // The admin's import banner asks for the first-boot import's progress every two seconds while it
  // runs: not a line each in next dev's terminal.
  logging: { incomingRequests: { ignore: [/\/api\/first-boot-import(?:\?|$)/] } },
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

// Next loads its config through the default export.
export default withPayload(nextConfig, { devBundleServerPackages: false })
