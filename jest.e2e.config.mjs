import base from './jest.config.mjs'

/**
 * jest for the browser and HTTP tests (tests/e2e/*.e2e.ts), run by scripts/e2e.mjs against a
 * built app it started (E2E_BASE_URL): the unit/integration setup without its per-run database.
 */
const config = {
  ...base,
  globalSetup: undefined,
  globalTeardown: undefined,
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.ts'],
  testTimeout: 300_000,
}

export default config
