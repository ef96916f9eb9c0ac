// Two projects: fast pure unit tests next to the code, and end-to-end tests in test/
// that need the real Redis and MongoDB-wire server started by scripts/with-services.sh.
const moduleNameMapper = {
  '^@pact/(domain|persistence|queues|engine)$': '<rootDir>/libs/$1/src',
  '^@pact/(domain|persistence|queues|engine)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: false }] };
module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
      moduleNameMapper,
      testTimeout: 120000,
    },
  ],
};
