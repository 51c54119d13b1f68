// Unit tests run the TypeScript modules; integration and bundle tests run build/Code.js (built by
// `npm test` before jest) in the local Apps Script runtime; e2e tests drive the simulator in Chromium.
const transform = { '^.+\\.ts$': '<rootDir>/test/support/esbuild-jest.cjs' };

module.exports = {
  // Jest reads testTimeout only here, not per project; the browser tests need the most.
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  projects: [
    { displayName: 'unit', testEnvironment: 'node', roots: ['<rootDir>/test/unit'], transform },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/integration'],
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      transform,
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
    },
  ],
};
