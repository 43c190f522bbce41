#!/usr/bin/env node
'use strict';
/**
 * Takes the README's screenshots from a running `npm start` (n8n on port 5678, or N8N_URL):
 * - chat: the example workflow after a run (docs/workflow.png) and the Grok Chat node open
 *   (docs/grok-chat-node.png);
 * - imagine: the Grok Imagine example's Product Pictures node after "Execute step", its output in
 *   n8n's Binary view (docs/grok-imagine-output.png).
 * Needs Debian's chromium. Usage: node scripts/screenshot.js [chat] [imagine] (no name: all).
 */
const { launchChromium } = require('./lib/chromium');
const { DEMO_OWNER } = require('./lib/n8n-host');

const BASE = process.env.N8N_URL ?? 'http://localhost:5678';

/** @param {import('playwright-core').Page} page */
async function chatShots(page) {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.goto(`${BASE}/workflow/grokChatExample`);
	await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 30000 });
	await page.waitForTimeout(1500);
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	await page.waitForTimeout(5000);
	await page.screenshot({ path: 'docs/workflow.png' });
	await page.locator('[data-test-id="canvas-node"]', { hasText: 'Grok Chat' }).dblclick();
	await page.waitForTimeout(2500);
	await page.screenshot({ path: 'docs/grok-chat-node.png' });
}

/**
 * "Execute step" on Product Pictures runs its parents too, not the video node beside it: two
 * products, two images each, one output item per image.
 * @param {import('playwright-core').Page} page
 */
async function imagineShot(page) {
	await page.setViewportSize({ width: 1400, height: 900 });
	await page.goto(`${BASE}/workflow/grokImagineExample`);
	await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 30000 });
	await page.waitForTimeout(1500);
	await page.locator('[data-test-id="canvas-node"]', { hasText: 'Product Pictures' }).dblclick();
	await page.locator('[data-test-id="ndv"]').waitFor();
	await page.locator('[data-test-id="node-execute-button"]').click();
	const output = page.locator('[data-test-id="output-panel"]');
	await output
		.locator('[data-test-id="ndv-run-data-display-mode"]')
		.getByText('Binary', { exact: true })
		.click({ timeout: 30000 });
	await output.getByText('image/png').first().waitFor({ timeout: 10000 });
	// The "Node executed successfully" toast would cover the panel's corner.
	for (const close of await page.locator('.el-notification__closeBtn').all()) {
		await close.click().catch(() => undefined);
	}
	await page.waitForTimeout(1000);
	await page.screenshot({ path: 'docs/grok-imagine-output.png' });
}

const SHOTS = { chat: chatShots, imagine: imagineShot };

(async () => {
	const names = process.argv.slice(2);
	const unknown = names.filter((name) => !(name in SHOTS));
	if (unknown.length > 0)
		throw new Error(`Unknown shot ${unknown.join(', ')}; known: chat, imagine`);
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
	for (const name of names.length > 0 ? names : Object.keys(SHOTS)) await SHOTS[name](page);
	await browser.close();
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
