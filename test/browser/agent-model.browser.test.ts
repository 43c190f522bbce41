/**
 * Grok Chat Model in the editor of real n8n 2.x (1.x has no AI node SDK), in Debian's chromium
 * driven by playwright-core, with the packed package installed as a community package and the fake
 * xAI behind its credential: add an AI Agent, click its Chat Model input, search "grok", add Grok
 * Chat Model (credential pre-selected, model list loaded from xAI), add n8n's Calculator as a tool,
 * then chat with the agent in the editor. A failed step leaves a screenshot (its path is printed)
 * in test-results/browser/. GROK_AGENT_SCREENSHOT=<file> saves the finished canvas (the README's
 * docs/grok-chat-model-agent.png).
 */
import type { Browser, Page } from 'playwright-core';

import { startFakeXai, type FakeXai } from '../fake-xai/server';
import { launchChromium } from '../../scripts/lib/chromium';
import { N8nHost, packPackage, VERSIONS } from '../../scripts/lib/n8n-host';
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

/** N8N_BROWSER_MAJORS=1 runs 1.123.50 only, where this journey has nothing to run. */
const majors = (process.env.N8N_BROWSER_MAJORS ?? '1,2').split(',').map(Number);
const hosts = VERSIONS.filter((v) => v.major >= 2 && majors.includes(v.major));

let fake: FakeXai;
let browser: Browser;

describe.each(hosts)(
	"Grok Chat Model as an AI Agent's model in the editor, n8n $version",
	(version) => {
		let n8n: N8nHost;
		let page: Page;
		const step = journeySteps(() => page, version.version, 'agent-');
		/** The "+" under one of the AI Agent's inputs (ai_languageModel, ai_tool…). */
		const agentInput = (type: string) =>
			page.locator(
				`[data-test-id="canvas-node-input-handle"][data-connection-type="${type}"][data-node-name="AI Agent"] [data-test-id="canvas-handle-plus"]`,
			);

		beforeAll(async () => {
			const tarball = packPackage();
			fake = await startFakeXai();
			browser = await launchChromium();
			n8n = new N8nHost(version);
			await startN8n(n8n, tarball, fake.url);
			page = await newPage(browser);
			await signIn(page, n8n);
		}, 600_000);

		afterAll(async () => {
			await page?.close();
			await browser?.close();
			await n8n?.stop();
			await fake?.close();
		});

		it('adds an AI Agent to a new workflow (n8n adds its Chat Trigger)', async () => {
			await step('add agent', async () => {
				await page.goto(`${n8n.url}/workflow/new`);
				await page.locator('[data-test-id="canvas-add-button"]').click();
				await page.locator('[data-test-id="node-creator-search-bar"]').waitFor();
				await page.keyboard.type('AI Agent');
				await panelItems(page)
					.filter({ hasText: /^AI Agent$/ })
					.click();
				await page.keyboard.press('Escape');
				await agentInput('ai_languageModel').waitFor();
			});
		});

		it('offers Grok Chat Model when "grok" is searched from the Chat Model input', async () => {
			await step('search grok', async () => {
				await agentInput('ai_languageModel').click();
				await page.locator('[data-test-id="node-creator-search-bar"]').waitFor();
				await page.keyboard.type('grok');
				await panelItems(page)
					.filter({ hasText: /^Grok Chat Model$/ })
					.waitFor();
				// n8n's own xAI Grok Chat Model is offered beside it.
				expect(await panelItems(page).allInnerTexts()).toEqual(
					expect.arrayContaining(['Grok Chat Model', 'xAI Grok Chat Model']),
				);
			});
		});

		it('adds it with the credential pre-selected, no model chosen, and the model list from xAI', async () => {
			await step('add Grok Chat Model', async () => {
				await addFromPanel(page, /^Grok Chat Model$/);
			});
			await step('credential pre-selected', async () => {
				await expect(selectedCredential(page)).resolves.toBe(CREDENTIAL);
			});
			await step('model list', async () => {
				// In list mode the locator is a text box (the input itself) showing "Choose...".
				await expect(page.locator('[data-test-id="rlc-input"]').inputValue()).resolves.toBe('');
				await chooseModel(page, /^grok-4 \(text \+ image\)$/);
				await page.keyboard.press('Escape');
				await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
			});
		});

		it('answers a chat message in the editor through the Calculator tool', async () => {
			await step('add Calculator', async () => {
				await agentInput('ai_tool').click();
				await page.keyboard.type('calculator');
				await panelItems(page)
					.filter({ hasText: /^Calculator$/ })
					.click();
				await page.waitForTimeout(1000);
				if (await page.locator('[data-test-id="ndv"]').isVisible())
					await page.keyboard.press('Escape');
				await page.locator('[data-test-id="zoom-to-fit"]').click();
			});
			await step('chat', async () => {
				await page.locator('[data-test-id="workflow-chat-button"]').click();
				await page.waitForTimeout(1000);
				await page.keyboard.type('What is 6 * 7?');
				await page.keyboard.press('Enter');
				await page.getByText('Answer from Calculator: [{"response":"42"}]').first().waitFor();
			});
			const [ask] = fake.responsesRequests().map((request) => request.body);
			expect(ask.model).toBe('grok-4');
			expect(ask.tools.map((tool: { name: string }) => tool.name)).toEqual(['Calculator']);
			if (process.env.GROK_AGENT_SCREENSHOT) {
				for (const close of await page.locator('.el-notification__closeBtn').all())
					await close.click().catch(() => undefined);
				await page.waitForTimeout(1000);
				await page.screenshot({ path: process.env.GROK_AGENT_SCREENSHOT });
			}
		});
	},
);
