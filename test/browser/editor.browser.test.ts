/**
 * The editor journey of a new user, in Debian's chromium driven by playwright-core, against real
 * n8n with the packed package installed as a community package (as `npm start` does) and the fake
 * xAI behind its credential: sign in, new workflow, find Grok Chat in the node panel (by search and
 * by browsing AI), add it, the credential is pre-selected, the model list loads, a message runs
 * with "Execute step", and a bad value shows the item-and-field message. A failed step leaves a
 * screenshot (its path is printed) in test-results/browser/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType } from 'n8n-workflow';
import type { Browser, Page } from 'playwright-core';

import { startFakeXai, type FakeXai } from '../fake-xai/server';
import { launchChromium } from '../../scripts/lib/chromium';
import { N8nHost, packPackage, ROOT, VERSIONS } from '../../scripts/lib/n8n-host';
import {
	addFromPanel,
	chooseModel,
	CREDENTIAL,
	journeySteps,
	newPage,
	panelItems,
	selectedCredential,
	signIn,
	startN8n,
} from './journey';

const MESSAGE = 'Hello from the browser';

/** N8N_BROWSER_MAJORS=1 runs 1.123.50 only; both majors by default. */
const majors = (process.env.N8N_BROWSER_MAJORS ?? '1,2').split(',').map(Number);

let tarball: string;
let fake: FakeXai;
let browser: Browser;
/**
 * The display names of every node the package adds to a workflow's main flow (package.json's
 * n8n.nodes, as built). A sub-node (no main input, e.g. Grok Chat Model) is offered where it plugs
 * in, under AI › Language Models, and has a journey of its own (agent-model.browser.test.ts).
 */
let packageNodes: string[];

beforeAll(async () => {
	tarball = packPackage();
	const { n8n: manifest } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	packageNodes = (manifest.nodes as string[])
		.map((file) => {
			const [NodeClass] = Object.values(require(join(ROOT, file))) as Array<new () => INodeType>;
			return new NodeClass().description;
		})
		.filter(({ inputs }) => Array.isArray(inputs) && inputs.length > 0)
		.map(({ displayName }) => displayName);
	fake = await startFakeXai();
	browser = await launchChromium();
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await fake?.close();
});

describe.each(VERSIONS.filter((v) => majors.includes(v.major)))(
	'The editor journey in a real browser, n8n $version',
	(version) => {
		let n8n: N8nHost;
		let page: Page;
		let started: number;
		const step = journeySteps(() => page, version.version);

		/** Types into a parameter and leaves it, so n8n has taken the whole value before a run. */
		async function typeInto(parameter: string, text: string) {
			const input = page.locator(`[data-test-id="parameter-input-${parameter}"]`);
			await input.click();
			await page.keyboard.type(text);
			await page.keyboard.press('Tab');
			await expect(input.locator('input, textarea').first().inputValue()).resolves.toBe(text);
			// n8n's parameter inputs hand a value on after a short debounce.
			await page.waitForTimeout(500);
		}

		beforeAll(async () => {
			started = Date.now();
			n8n = new N8nHost(version);
			await startN8n(n8n, tarball, fake.url);
			page = await newPage(browser);
		}, 600_000);

		afterAll(async () => {
			await page?.close();
			await n8n?.stop();
			console.log(
				`browser journey in n8n ${version.version}: ${Math.round((Date.now() - started) / 1000)} s`,
			);
		});

		it('signs in as the owner', async () => {
			await step('sign in', async () => {
				await signIn(page, n8n);
			});
		});

		it('starts a new workflow with a manual trigger', async () => {
			await step('new workflow', async () => {
				await page.goto(`${n8n.url}/workflow/new`);
				await page.locator('[data-test-id="canvas-add-button"]').click();
				await page.keyboard.type('manual');
				await panelItems(page)
					.filter({ hasText: /^(Manual Trigger|Trigger manually)/ })
					.first()
					.waitFor();
				await page.keyboard.press('Enter');
				await page.locator('[data-test-id="canvas-trigger-node"]').waitFor();
				// 2.x explains its new shortcut once, over the panel's "+" button.
				const gotIt = page.getByRole('button', { name: 'Got it' });
				if (await gotIt.isVisible().catch(() => false)) await gotIt.click();
			});
		});

		it('finds Grok Chat by searching "grok" in the node panel', async () => {
			await step('search grok', async () => {
				// The panel's "+" button (1.x opens it with Tab, 2.x with N).
				await page.locator('[data-test-id="node-creator-plus-button"]').click();
				await page.locator('[data-test-id="node-creator-search-bar"]').waitFor();
				await page.keyboard.type('grok');
				await panelItems(page)
					.filter({ hasText: /^Grok Chat$/ })
					.waitFor();
				expect(await panelItems(page).allInnerTexts()).toEqual(
					expect.arrayContaining(packageNodes),
				);
			});
		});

		it("lists the package's nodes when browsing AI, next to OpenAI and Anthropic", async () => {
			let shown: string[] = [];
			await step('browse AI', async () => {
				await page
					.locator(
						'input[data-test-id="node-creator-search-bar"], [data-test-id="node-creator-search-bar"] input',
					)
					.first()
					.fill('');
				await page
					.locator('[data-test-id="node-creator"]')
					.getByText('AI', { exact: true })
					.click();
				await panelItems(page)
					.filter({ hasText: /^OpenAI$/ })
					.waitFor();
				shown = await panelItems(page).allInnerTexts();
				console.log(`n8n ${version.version}, node panel › AI lists: ${shown.join(', ')}`);
				expect(shown).toEqual(expect.arrayContaining(['OpenAI', 'Anthropic', ...packageNodes]));
			});
		});

		it('adds Grok Chat with the credential pre-selected and the model list loaded from xAI', async () => {
			await step('add Grok Chat', async () => {
				// Back to the search, whatever the AI step left open: the first Escape may only leave
				// the panel's search field (n8n 2.x), so press it until the panel is closed.
				const creator = page.locator('[data-test-id="node-creator"]');
				for (let tries = 0; tries < 3 && (await creator.isVisible()); tries++) {
					await page.keyboard.press('Escape');
					await creator.waitFor({ state: 'hidden', timeout: 1000 }).catch(() => undefined);
				}
				await page.locator('[data-test-id="node-creator-plus-button"]').click();
				await page.keyboard.type('grok');
				await addFromPanel(page, /^Grok Chat$/);
			});
			await step('credential pre-selected', async () => {
				await expect(selectedCredential(page)).resolves.toBe(CREDENTIAL);
			});
			await step('model list', async () => {
				// Not grok-4, the parameter's default.
				await chooseModel(page, /^grok-3( \(.*\))?$/);
			});
		});

		it('runs a typed message with "Execute step" and shows the reply', async () => {
			await step('execute step', async () => {
				await typeInto('content', MESSAGE);
				await page.locator('[data-test-id="node-execute-button"]').click();
				await page
					.locator('[data-test-id="output-panel"]')
					.getByText(`Grok reply to: ${MESSAGE}`)
					.first()
					.waitFor();
			});
		});

		it('shows the item and the field of a bad value', async () => {
			await step('bad value', async () => {
				await typeInto('imageUrls', 'http://example.com/a.png');
				await page.locator('[data-test-id="node-execute-button"]').click();
				// The node's output panel; n8n 2.x may show the same error in its logs panel too.
				const message = page.locator(
					'[data-test-id="output-panel"] [data-test-id="node-error-message"]',
				);
				await message.waitFor();
				expect(await message.innerText()).toMatch(
					/^Item \d+, Message \d+ › Image URLs: "http:\/\/example\.com\/a\.png" is not an https URL/,
				);
			});
		});
	},
);
