// Unit tests run the TypeScript modules; integration and bundle tests run build/Code.js (built by
// `npm test` before jest) in the local Apps Script runtime; e2e tests drive the simulator in Chromium.
const transform = { '^.+\\.ts$': '<rootDir>/test/support/esbuild-jest.cjs' };

// Integration suites that also run on the Firestore build against Google's Firestore emulator
// (project integration-firestore: one emulator and one Firestore build for the project, a Firestore
// project per runtime; test/support/firestore-backend.ts). Without gcloud, or with
// FIRESTORE_EMULATOR=off, the project prints one line and its tests are skipped.
const FIRESTORE_SUITES = [
  'customer-flow',
  'support',
  'programme-flow',
  'reseller-view',
  'sheet-sync',
  'programme-support',
  'programme-sync',
  'linked-domains',
];

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
      displayName: 'integration-firestore',
      testEnvironment: '<rootDir>/test/support/firestore-environment.cjs',
      testMatch: FIRESTORE_SUITES.map((name) => `<rootDir>/test/integration/${name}.test.ts`),
      transform,
      globalSetup: '<rootDir>/test/support/firestore-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/firestore-global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/firestore-setup.ts'],
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
