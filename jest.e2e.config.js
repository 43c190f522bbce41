/** End-to-end: the packed package in real n8n processes (see scripts/lib/n8n-host.js). */
const base = require('./jest.config');

module.exports = {
	...base,
	testMatch: ['**/test/e2e/**/*.e2e.test.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 180000,
	// Each n8n is a few hundred MB of RAM and two CPU-heavy processes: one version at a time.
	maxWorkers: 1,
};
