import base from './jest.config.mjs'

/**
 * jest for the development-server check (tests/dev/*.dev.ts), run by scripts/devtest.mjs against
 * `npm run dev` it started (E2E_BASE_URL): the unit/integration setup without its per-run database.
 */
const config = {
  ...base,
  globalSetup: undefined,
  globalTeardown: undefined,
  roots: ['<rootDir>/tests/dev'],
  testMatch: ['**/*.dev.ts'],
  testTimeout: 900_000,
}

export default config
