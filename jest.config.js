/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // Time must never depend on the machine: every test computes in Asia/Ho_Chi_Minh explicitly,
  // and CI reruns the suite under other TZ values to prove it.
  testTimeout: 30000,
};
