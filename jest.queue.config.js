/** Queue mode: run by scripts/test-queue.sh, which starts Redis and PostgreSQL first. */
const base = require('./jest.config');

module.exports = {
	...base,
	testMatch: ['**/test/queue/**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 300000,
	maxWorkers: 1,
};
