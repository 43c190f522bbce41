/**
 * What the browser journeys share: real n8n with the packed package installed and a credential to
 * the fake xAI, a page signed in as its owner, the node panel's items, and steps that leave a
 * screenshot (its path is printed) in test-results/browser/ when they fail.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { DEMO_OWNER, N8nHost, ROOT } from '../../scripts/lib/n8n-host';

const SCREENSHOTS = join(ROOT, 'test-results/browser');

/** The name of the credential to the fake xAI that startN8n imports. */
export const CREDENTIAL = 'xAI (fake server)';

/**
 * Installs the packed package (`tarball`) into `n8n`, imports a credential to the fake xAI at
 * `fakeUrl`, starts n8n and sets up its owner (DEMO_OWNER). The caller makes the host first, so
 * that its afterAll stops it whichever of these fails.
 */
export async function startN8n(n8n: N8nHost, tarball: string, fakeUrl: string): Promise<void> {
	await n8n.install(tarball);
	await n8n.import('credentials', [
		{
			id: 'grokBrowserFake',
			name: CREDENTIAL,
			type: 'xAiGrokApi',
			data: { apiKey: 'xai-browser-key', baseUrl: fakeUrl },
		},
	]);
	await n8n.start();
	await n8n.setupOwner(DEMO_OWNER);
}

/** A new page of 1440 × 900 that waits up to 30 s for what it is asked to find. */
export async function newPage(browser: Browser): Promise<Page> {
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	page.setDefaultTimeout(30_000);
	return page;
}

/** Signs in to `n8n` as its owner (DEMO_OWNER) and waits for the home or workflows page. */
export async function signIn(page: Page, n8n: N8nHost): Promise<void> {
	await page.goto(`${n8n.url}/signin`);
	await page.fill('input[type=email], input[name=emailOrLdapLoginId]', DEMO_OWNER.email);
	await page.fill('input[type=password]', DEMO_OWNER.password);
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/home|\/workflows/);
}

/** The names of the node panel's items (nodes, and nodes with actions), as a user reads them. */
export const panelItems = (page: Page) =>
	page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]');

/**
 * Adds the node panel's item named `name` to the workflow (past n8n's details of a community node,
 * where it shows them first) and waits for the node's details view (NDV).
 */
export async function addFromPanel(page: Page, name: RegExp): Promise<void> {
	await panelItems(page).filter({ hasText: name }).click();
	// n8n shows a community node's details first.
	const add = page.getByRole('button', { name: 'Add to workflow' });
	if (await add.isVisible({ timeout: 3000 }).catch(() => false)) await add.click();
	await page.locator('[data-test-id="ndv"]').waitFor();
}

/** The name of the credential the open node's details view (NDV) has selected. */
export const selectedCredential = (page: Page) =>
	page.locator('[data-test-id="node-credentials-select"] input').inputValue();

/**
 * Opens the open node's model list, waits until it holds a name only the fake xAI's list has (so
 * the list came from xAI) and chooses the first model whose text matches `model`.
 */
export async function chooseModel(page: Page, model: RegExp): Promise<void> {
	await page.locator('[data-test-id="rlc-input"]').click();
	await page
		.getByText(/^grok-2-vision-1212\b/)
		.first()
		.waitFor();
	await page.getByText(model).first().click();
}

/**
 * The steps of one journey in n8n `version`, on the page `page()` returns when the step runs.
 * `step(name, action)` runs one step; when it fails, a screenshot is saved as
 * test-results/browser/<version>/<prefix><name>.png and its path printed.
 */
export function journeySteps(page: () => Page, version: string, prefix = '') {
	return async function step(name: string, action: () => Promise<void>): Promise<void> {
		try {
			await action();
		} catch (error) {
			const folder = join(SCREENSHOTS, version);
			mkdirSync(folder, { recursive: true });
			const file = join(folder, `${prefix}${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
			await page()
				.screenshot({ path: file, fullPage: true })
				.catch(() => undefined);
			console.error(`browser step "${name}" failed in n8n ${version}; screenshot: ${file}`);
			throw error;
		}
	};
}
