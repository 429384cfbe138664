/**
 * jest for the admin browser tests (tests/e2e/*.e2e.ts), run by scripts/e2e.mjs against a built
 * app it started (E2E_BASE_URL). ESM mode and SWC as in jest.config.mjs.
 */
const config = {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  forceExit: true,
  moduleNameMapper: {
    '^@payload-config$': '<rootDir>/payload.config.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  roots: ['<rootDir>/tests/e2e'],
  testEnvironment: 'node',
  testMatch: ['**/*.e2e.ts'],
  testTimeout: 300_000,
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
}

export default config
