/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The end-to-end, queue-mode, install and browser suites drive real n8n processes: npm run
	// test:e2e / test:queue / test:install / test:browser.
	testPathIgnorePatterns: [
		'/node_modules/',
		'/test/e2e/',
		'/test/queue/',
		'/test/install/',
		'/test/browser/',
	],
	setupFiles: ['<rootDir>/test/setup-env.js'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 30000,
	// Once loaded, n8n-core leaves handles of its own open in the test workers (none are the
	// tests' sockets: the fake server closes every connection it has), so jest would not exit.
	forceExit: true,
};
