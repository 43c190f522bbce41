'use strict';
/**
 * Self-test of the fake Responses API: `node test/fake-xai/responses.selftest.js`. It serves
 * responses.js from a bare HTTP server with minimal helpers (server.js has the real ones) and
 * checks a JSON reply, a conversation chain, an SSE stream with web search, stored responses,
 * xAI's refusals and the hostile directives. Exits non-zero on the first failed check.
 */
const http = require('node:http');
const assert = require('node:assert/strict');
const { createResponsesApi } = require('./responses');

const FAILURES = {
	400: [400, 'Client specified an invalid argument', 'Bad request: the request is malformed.'],
	404: [404, 'Some requested entity was not found', 'Not found.'],
	429: [429, 'Too many requests', 'Your team has exceeded its rate limit. Please wait and retry.'],
};

function json(res, status, payload, headers = {}) {
	const text = JSON.stringify(payload);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

const xaiError = (res, status, code, error, headers) => json(res, status, { code, error }, headers);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const api = createResponsesApi({
	json,
	xaiError,
	fail: (res, kind, retryAfter) => xaiError(res, ...FAILURES[kind], { 'retry-after': retryAfter }),
	sleep,
	models: [
		{ id: 'grok-4', images: true, aliases: ['grok-4-latest'] },
		{ id: 'grok-3-mini', images: false, aliases: [] },
	],
	FAILURES,
});

const server = http.createServer((req, res) => {
	let raw = '';
	req.on('data', (chunk) => (raw += chunk));
	req.on('end', () => {
		const path = new URL(req.url, 'http://x').pathname.replace(/^\/v1/, '');
		if (!api.handle(req, res, path, raw ? JSON.parse(raw) : undefined, {})) {
			xaiError(res, 404, 'Some requested entity was not found', `No route for ${path}`);
		}
	});
});

let base;

function call(method, path, body) {
	return fetch(`${base}${path}`, {
		method,
		headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
		body: body && JSON.stringify(body),
	});
}

async function post(body) {
	const res = await call('POST', '/responses', body);
	return { status: res.status, body: await res.json() };
}

/** Reads an SSE reply to its end (or its breaking off) into events and their raw frames. */
async function stream(body) {
	const res = await call('POST', '/responses', { ...body, stream: true });
	let raw = '';
	let broken = false;
	try {
		for await (const chunk of res.body) raw += Buffer.from(chunk).toString('utf8');
	} catch {
		broken = true; // the server destroyed the socket
	}
	const frames = raw.split('\n\n').filter(Boolean);
	const events = frames.map((frame) => JSON.parse(frame.split('\n').at(-1).slice('data: '.length)));
	return { frames, events, broken, types: events.map((e) => e.type) };
}

const checks = {
	async 'JSON reply: reasoning, image count, usage and storage'() {
		const { status, body } = await post({
			model: 'grok-3-mini',
			instructions: 'Be brief.',
			input: [
				{
					role: 'user',
					name: 'ignored',
					content: [
						{ type: 'input_text', text: 'Describe this' },
						{ type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'high' },
					],
				},
			],
		});
		assert.equal(status, 200);
		assert.equal(body.object, 'response');
		assert.equal(body.status, 'completed');
		assert.deepEqual(
			body.output.map((item) => item.type),
			['reasoning', 'message'],
		);
		assert.equal(body.output[1].content[0].text, 'Grok reply to: Describe this (saw 1 image)');
		assert.equal(body.usage.input_tokens, 2 + 2 + 256);
		assert.equal(body.usage.total_tokens, body.usage.input_tokens + body.usage.output_tokens);
		assert.ok(Number.isInteger(body.usage.cost_in_usd_ticks));
		assert.equal(body.store, true);
		assert.deepEqual(api.stored.get(body.id), body);
	},

	async 'a chain of previous_response_id counts its turns; an unknown ID is 404'() {
		const first = (await post({ model: 'grok-4', input: 'One' })).body;
		const second = (await post({ model: 'grok-4', input: 'Two', previous_response_id: first.id }))
			.body;
		const third = (await post({ model: 'grok-4', input: 'Three', previous_response_id: second.id }))
			.body;
		assert.equal(
			second.output[0].content[0].text,
			`Grok reply to: Two (continuing ${first.id}, turn 2)`,
		);
		assert.equal(
			third.output[0].content[0].text,
			`Grok reply to: Three (continuing ${second.id}, turn 3)`,
		);
		assert.equal(third.previous_response_id, second.id);
		assert.equal(second.usage.input_tokens_details.cached_tokens, first.usage.total_tokens);
		const missing = await post({ model: 'grok-4', input: 'x', previous_response_id: 'nope' });
		assert.equal(missing.status, 404);
		assert.equal(missing.body.code, 'Some requested entity was not found');
	},

	async 'SSE with web search: xAI event order, citations, the completed response'() {
		const { frames, events, types, broken } = await stream({
			model: 'grok-4',
			input: 'What is new?',
			tools: [{ type: 'web_search' }],
		});
		assert.equal(broken, false);
		assert.ok(frames[0].startsWith('event: response.created\ndata: '));
		assert.deepEqual(
			events.map((e) => e.sequence_number),
			events.map((_, i) => i),
		);
		assert.deepEqual(types.slice(0, 7), [
			'response.created',
			'response.in_progress',
			'response.output_item.added',
			'response.web_search_call.in_progress',
			'response.web_search_call.searching',
			'response.web_search_call.completed',
			'response.output_item.done',
		]);
		assert.deepEqual(types.slice(-4), [
			'response.output_text.done',
			'response.content_part.done',
			'response.output_item.done',
			'response.completed',
		]);
		const { response } = events.at(-1);
		const [search, message] = response.output;
		assert.equal(search.type, 'web_search_call');
		assert.deepEqual(search.action.query, 'What is new?');
		const { text, annotations } = message.content[0];
		const streamed = events.filter((e) => e.type === 'response.output_text.delta');
		assert.equal(streamed.map((e) => e.delta).join(''), text);
		assert.equal(types.filter((t) => t === 'response.output_text.annotation.added').length, 3);
		assert.deepEqual(
			annotations.map((a) => [a.url, text.slice(a.start_index, a.end_index)]),
			[
				['https://example.com/a', '[[1]](https://example.com/a)'],
				['https://news.example.org/b', '[[2]](https://news.example.org/b)'],
				['https://example.com/a', '[[1]](https://example.com/a)'],
			],
		);
		assert.equal(response.usage.num_server_side_tools_used, 1);
		assert.equal(response.usage.server_side_tool_usage_details.web_search_calls, 1);
		assert.deepEqual(api.stored.get(response.id), response);
	},

	async 'GET returns a stored response, DELETE forgets it'() {
		const { body } = await post({ model: 'grok-4', input: 'Keep me' });
		assert.deepEqual(await (await call('GET', `/responses/${body.id}`)).json(), body);
		const deleted = await (await call('DELETE', `/responses/${body.id}`)).json();
		assert.deepEqual(deleted, { id: body.id, object: 'response', deleted: true });
		assert.equal((await call('GET', `/responses/${body.id}`)).status, 404);
		const unstored = await post({ model: 'grok-4', input: 'Forget me', store: false });
		assert.equal(api.stored.has(unstored.body.id), false);
	},

	async 'xAI refusals: tools, effort, penalties, unknown model'() {
		const refusal = async (body, status, pattern) => {
			const reply = await post({ model: 'grok-4', input: 'x', ...body });
			assert.equal(reply.status, status, JSON.stringify(reply.body));
			assert.match(reply.body.error, pattern);
		};
		const domains = (n) => Array.from({ length: n }, (_, i) => `d${i}.example`);
		await refusal(
			{ tools: [{ type: 'web_search', allowed_domains: ['a.com'], excluded_domains: ['b.com'] }] },
			400,
			/Only one of allowed_domains and excluded_domains/,
		);
		await refusal(
			{ tools: [{ type: 'web_search', allowed_domains: domains(6) }] },
			400,
			/at most 5/,
		);
		await refusal(
			{ tools: [{ type: 'x_search', excluded_x_handles: domains(11) }] },
			400,
			/at most 10/,
		);
		await refusal({ tools: [{ type: 'x_search', from_date: '2025-02-30' }] }, 400, /from_date/);
		await refusal({ tools: [{ type: 'code_execution' }] }, 422, /unknown variant `code_execution`/);
		await refusal(
			{ model: 'grok-3-mini', reasoning: { effort: 'xhigh' } },
			400,
			/Model grok-3-mini does not support reasoning effort "xhigh"/,
		);
		await refusal({ presence_penalty: 1 }, 400, /does not support parameter presence_penalty/);
		await refusal({ model: 'grok-nope' }, 404, /grok-nope does not exist/);
		await refusal({ input: [{ role: 'tool', content: 'x' }] }, 422, /unknown variant `tool`/);
	},

	async 'hostile directives: [fail:429:once], [stream-error], [cut], [incomplete]'() {
		assert.equal((await post({ model: 'grok-4', input: 'Busy [fail:429:once]' })).status, 429);
		assert.equal((await post({ model: 'grok-4', input: 'Busy [fail:429:once]' })).status, 200);

		const failed = await stream({ model: 'grok-4', input: 'Break [stream-error]' });
		assert.equal(failed.types.filter((t) => t === 'response.output_text.delta').length, 1);
		assert.equal(failed.events.at(-1).type, 'error');
		assert.equal(failed.events.at(-1).code, null);

		const cut = await stream({ model: 'grok-4', input: 'Cut [cut]' });
		assert.equal(cut.types.filter((t) => t === 'response.output_text.delta').length, 2);
		assert.ok(!cut.types.includes('response.completed'));

		const cutWhole = await call('POST', '/responses', { model: 'grok-4', input: 'Cut [cut]' });
		await assert.rejects(cutWhole.json());

		const incomplete = await stream({ model: 'grok-4', input: 'Stop [incomplete]' });
		assert.equal(incomplete.events.at(-1).type, 'response.incomplete');
		assert.deepEqual(incomplete.events.at(-1).response.incomplete_details, {
			reason: 'max_output_tokens',
		});

		const short = await post({
			model: 'grok-4',
			input: 'A long question here',
			max_output_tokens: 3,
		});
		assert.equal(short.body.status, 'incomplete');
		assert.equal(short.body.output[0].content[0].text, 'Grok reply to:');

		const plain = await stream({ model: 'grok-4', input: 'Hi [sse:data-only]' });
		assert.ok(plain.frames.every((frame) => frame.startsWith('data: ')));
	},
};

server.listen(0, '127.0.0.1', async () => {
	base = `http://127.0.0.1:${server.address().port}/v1`;
	let failed = 0;
	for (const [name, check] of Object.entries(checks)) {
		try {
			await check();
			console.log(`ok   ${name}`);
		} catch (error) {
			failed += 1;
			console.log(`FAIL ${name}\n${error.stack}`);
		}
	}
	server.closeAllConnections();
	server.close();
	process.exitCode = failed ? 1 : 0;
});
