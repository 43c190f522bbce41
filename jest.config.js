/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The end-to-end suite drives real n8n processes: it has its own command (npm run test:e2e).
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	setupFiles: ['<rootDir>/test/setup-env.js'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 30000,
	// Once loaded, n8n-core leaves handles of its own open in the test workers (none are the
	// tests' sockets: the fake server closes every connection it has), so jest would not exit.
	forceExit: true,
};
