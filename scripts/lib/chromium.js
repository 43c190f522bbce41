'use strict';
/**
 * Debian's chromium driven by playwright-core, offline and quiet: for the README's screenshots
 * (scripts/screenshot.js) and the editor journey test (test/browser).
 */
const { chromium } = require('playwright-core');

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Each launch gets a fresh profile: playwright starts chromium with a new temporary --user-data-dir
 * of its own (and refuses one passed here).
 * @returns {Promise<import('playwright-core').Browser>}
 */
function launchChromium() {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

module.exports = { CHROMIUM_PATH, launchChromium };
