'use strict';
/**
 * Debian's chromium driven by playwright-core, offline and quiet: for the README's screenshots
 * (scripts/screenshot.js) and the editor journey test (test/browser).
 */
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { chromium } = require('playwright-core');

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** @returns {Promise<import('playwright-core').Browser>} */
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
			`--user-data-dir=${mkdtempSync(join(tmpdir(), 'grok-chromium-'))}`,
		],
	});
}

module.exports = { CHROMIUM_PATH, launchChromium };
