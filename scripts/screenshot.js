#!/usr/bin/env node
'use strict';
/**
 * Takes the README's screenshots from a running `npm start` (n8n on port 5678): the example
 * workflow, and the Grok Chat node open in the editor after a run. Needs Debian's chromium.
 * Usage: node scripts/screenshot.js
 */
const { launchChromium } = require('./lib/chromium');
const { DEMO_OWNER } = require('./lib/n8n-host');

const BASE = process.env.N8N_URL ?? 'http://localhost:5678';

(async () => {
	const browser = await launchChromium();
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	await page.goto(`${BASE}/signin`);
	await page.fill(
		'input[type=email], input[name=emailOrLdapLoginId], input[name=email]',
		DEMO_OWNER.email,
	);
	await page.fill('input[type=password]', DEMO_OWNER.password);
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/home|\/workflows|\/workflow/, { timeout: 30000 });
	await page.goto(`${BASE}/workflow/grokChatExample`);
	await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 30000 });
	await page.waitForTimeout(1500);
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	await page.waitForTimeout(5000);
	await page.screenshot({ path: 'docs/workflow.png' });
	await page.locator('[data-test-id="canvas-node"]', { hasText: 'Grok Chat' }).dblclick();
	await page.waitForTimeout(2500);
	await page.screenshot({ path: 'docs/grok-chat-node.png' });
	await browser.close();
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
