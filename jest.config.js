/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Jest runs CommonJS: `import()` (the CLI loads each command lazily) becomes a require, and the
  // `.js` that Node 16+ resolution wants on a dynamic import maps back to the TypeScript file.
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { diagnostics: false, tsconfig: { module: 'commonjs', moduleResolution: 'node10' } },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Time must never depend on the machine: every test computes in Asia/Ho_Chi_Minh explicitly,
  // and CI reruns the suite under other TZ values to prove it.
  testTimeout: 30000,
  setupFiles: ['<rootDir>/test/private-cache-setup.ts'],
};
