/** The editor journey in Debian's chromium: npm run test:browser (scripts/test-browser.sh). */
const base = require('./jest.config');

module.exports = {
	...base,
	testMatch: ['**/test/browser/**/*.browser.test.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 120000,
	maxWorkers: 1,
};
