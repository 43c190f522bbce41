/** "Settings → Community Nodes → Install" from a local registry in real n8n: npm run test:install. */
const base = require('./jest.config');

module.exports = {
	...base,
	testMatch: ['**/test/install/**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 600000,
	maxWorkers: 1,
};
