'use strict';
/**
 * A fake xAI API for tests and the offline demo: a real HTTP server on 127.0.0.1 that speaks xAI's
 * chat, model and key endpoints, SSE included, and answers errors the way xAI does:
 * `{"code": "<status text>", "error": "<message>"}`.
 *
 * Behaviour is steered by directives in the last user message, so a workflow in another process
 * can steer it too:
 *   [fail:429] [fail:400] [fail:401] [fail:403-credits] [fail:403-policy] [fail:404] [fail:500] [fail:503]
 *   [fail:429:once]   fail the first request with this text only, then answer
 *   [delay:250]       wait before answering           [hang]   never answer
 *   [reply:text]      answer with exactly this text   [pace:20] ms between SSE chunks
 *   [cut]             stream the first words, then drop the connection
 *   [stall]           stream the first words, then send nothing more
 *   [echo-key]        fail with 401, quoting the Authorization header (a careless proxy); on
 *                     every endpoint that takes a prompt (chat, responses, imagine, voice)
 * A key starting with "bad" fails every request with 400, its message quoting the key whole.
 *   [tool:name]       call the offered tool with this name (xAI's function calling, as an agent's
 *                     model does): its string arguments get the prompt; once the tool's result is
 *                     back, answer "Answer from <name>: <result>"
 * Fault mode (setFaults) fails a seeded share of chat requests: 429, 500, 503, reset, hang.
 * setRateLimit({rpm, tpm, headers}) turns on a real rate limiter (limiter.js) for chat and
 * responses requests: 429 with Retry-After once the team's requests or tokens run out.
 * Models whose ID contains "mini" or "reasoning" (not "non-reasoning"), and grok-4.3, return
 * reasoning_content.
 *
 * Every request is recorded (method, path, headers, parsed body); GET /__requests returns them
 * and POST /__reset clears them, for tests that run n8n in another process.
 */
const http = require('node:http');

const { readBody } = require('./body');
const { closeWithConnections } = require('./close');
const { createResponsesApi } = require('./responses');
const { createLimiter } = require('./limiter');
const { createBatchApi } = require('./batch');
const imagine = require('./imagine');
const { createVoiceApi } = require('./voice');

const MODELS = [
	{ id: 'grok-4', images: true, aliases: ['grok-4-latest'] },
	{ id: 'grok-3', images: false, aliases: ['grok-3-latest'] },
	{ id: 'grok-3-mini', images: false, aliases: [] },
	{ id: 'grok-2-vision-1212', images: true, aliases: ['grok-2-vision'] },
	{ id: 'grok-4.20-0309-reasoning', images: true, aliases: ['grok-4.20-reasoning'] },
	{ id: 'grok-4.20-0309-non-reasoning', images: true, aliases: ['grok-4.20-non-reasoning'] },
	// xAI's replacement for the IDs retired on 2026-05-15: takes images and reasons.
	{ id: 'grok-4.3', images: true, reasoning: true, aliases: [] },
];
// Models that reject some sampling parameters, as xAI's reasoning models do.
const STRICT_MODELS = /^grok-(4|3-mini)/;
const STRICT_PARAMETERS = ['presence_penalty', 'frequency_penalty', 'stop'];

const FAILURES = {
	400: [400, 'Client specified an invalid argument', 'Bad request: the request is malformed.'],
	401: [401, 'Unauthenticated', 'No API key was provided.'],
	'403-credits': [
		403,
		'The caller does not have permission to execute the specified operation',
		"Your newly created team doesn't have any credits or licenses yet. You can purchase credits on https://console.x.ai.",
	],
	'403-policy': [
		403,
		'The caller does not have permission to execute the specified operation',
		'Content violates usage guidelines. Team: 00000000-0000-0000-0000-000000000000, API key ID: 00000000, Model: grok-4, Failed check: SAFETY_CHECK_TYPE_BIO',
	],
	404: [
		404,
		'Some requested entity was not found',
		'The model grok-nope does not exist or your team does not have access to it.',
	],
	429: [429, 'Too many requests', 'Your team has exceeded its rate limit. Please wait and retry.'],
	410: [410, 'Gone', 'Live search is deprecated. Please switch to the Agent Tools API.'],
	500: [500, 'Internal error', 'The service encountered an internal error.'],
	503: [
		503,
		'The service is currently unavailable',
		'The service is temporarily unavailable. Please try again later.',
	],
};

function startFakeXai(options = {}) {
	const requests = [];
	const onceSeen = new Set();
	const state = {
		paceMs: options.paceMs ?? 0,
		latencyMs: options.latencyMs ?? 0,
		faults: undefined,
		counter: 0,
	};
	const responses = createResponsesApi({
		json,
		xaiError,
		failByDirective,
		sleep,
		models: MODELS,
		FAILURES,
		settings: () => ({ paceMs: state.paceMs, latencyMs: state.latencyMs }),
	});
	const batches = createBatchApi({ json, xaiError, chat }, options.batch);
	const voice = createVoiceApi({ json, xaiError, failByDirective, sleep, FAILURES, options });

	const server = http.createServer((req, res) => {
		const arrivedAt = Date.now();
		readBody(req, (body) => {
			const path = new URL(req.url, 'http://x').pathname.replace(/^\/v1/, '');
			if (path === '/__requests') return json(res, 200, requests);
			if (path === '/__reset') {
				requests.length = 0;
				onceSeen.clear();
				responses.reset();
				return json(res, 200, { ok: true });
			}
			const record = { method: req.method, path, headers: req.headers, body, at: arrivedAt };
			requests.push(record);
			route(req, res, path, body, record).catch((error) =>
				xaiError(res, 500, 'Internal error', String(error)),
			);
		});
	});
	server.keepAliveTimeout = 60000;
	const close = closeWithConnections(server);

	async function route(req, res, path, body, record) {
		const key = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
		if (!key) return xaiError(res, ...FAILURES[401]);
		if (key.startsWith('bad')) {
			// xAI itself masks the key here; the fake quotes it whole, as a careless proxy or logging
			// gateway in front of xAI would, so that only the nodes' redaction keeps it out of a run.
			return xaiError(
				res,
				400,
				'Client specified an invalid argument',
				`Incorrect API key provided: ${key}. You can obtain an API key from https://console.x.ai.`,
			);
		}
		if (state.limiter && req.method === 'POST' && /^\/(chat\/completions|responses)$/.test(path)) {
			// A request's tokens, roughly: its text, and a short reply.
			const verdict = state.limiter.take(Math.ceil(JSON.stringify(body ?? {}).length / 4) + 20);
			for (const [name, value] of Object.entries(verdict.headers)) res.setHeader(name, value);
			if (!verdict.ok) {
				record.fault = 'rate-limit';
				return xaiError(res, ...FAILURES[429]);
			}
		}
		if (responses.handle(req, res, path, body, record)) return;
		if (batches.handle(req, res, path, body)) return;
		if (imagine.handle(req, res, path, body, { json, xaiError, failByDirective })) return;
		if (voice.handle(req, res, path, body, record)) return;
		if (req.method === 'GET' && path === '/models') {
			return json(res, 200, {
				object: 'list',
				data: MODELS.map(({ id }) => ({
					id,
					object: 'model',
					created: 1735689600,
					owned_by: 'xai',
				})),
			});
		}
		if (req.method === 'GET' && path === '/language-models') {
			if (options.noLanguageModels) return xaiError(res, ...FAILURES[404]);
			return json(res, 200, {
				models: MODELS.map(({ id, images, aliases }) => ({
					id,
					fingerprint: 'fp_fake',
					created: 1735689600,
					object: 'model',
					owned_by: 'xai',
					version: '1.0.0',
					input_modalities: images ? ['text', 'image'] : ['text'],
					output_modalities: ['text'],
					prompt_text_token_price: 20000,
					completion_text_token_price: 100000,
					aliases,
				})),
			});
		}
		if (req.method === 'GET' && path === '/api-key') {
			return json(res, 200, {
				redacted_api_key: `${key.slice(0, 4)}****${key.slice(-4)}`,
				user_id: 'user-fake',
				name: 'fake key',
				create_time: '2025-01-01T00:00:00Z',
				modify_time: '2025-01-01T00:00:00Z',
				modified_by: 'user-fake',
				team_id: 'team-fake',
				acls: ['api-key:model:*', 'api-key:endpoint:*'],
				api_key_id: 'key-fake',
				team_blocked: false,
				api_key_blocked: key.startsWith('blocked'),
				api_key_disabled: false,
			});
		}
		if (req.method === 'POST' && path === '/chat/completions') return chat(req, res, body, record);
		return xaiError(
			res,
			404,
			'Some requested entity was not found',
			`No route for ${req.method} ${path}`,
		);
	}

	async function chat(req, res, body, record) {
		if (!body || typeof body !== 'object' || !Array.isArray(body.messages) || !body.model) {
			return xaiError(
				res,
				422,
				'Unprocessable entity',
				'Failed to deserialize the JSON body into the target type',
			);
		}
		if (body.search_parameters !== undefined) {
			return xaiError(
				res,
				410,
				'Gone',
				'Live search is deprecated. Please switch to the Agent Tools API.',
			);
		}
		const model = MODELS.find((m) => m.id === body.model || m.aliases.includes(body.model));
		if (!model) {
			return xaiError(
				res,
				404,
				FAILURES[404][1],
				`The model ${body.model} does not exist or your team does not have access to it.`,
			);
		}
		for (const message of body.messages) {
			if (!['system', 'user', 'assistant', 'tool'].includes(message.role)) {
				return xaiError(
					res,
					422,
					'Unprocessable entity',
					`unknown variant \`${message.role}\`, expected one of \`system\`, \`user\`, \`assistant\`, \`tool\``,
				);
			}
			if (message.name !== undefined && message.role !== 'user') {
				return xaiError(res, 400, FAILURES[400][1], 'name is only supported for user messages');
			}
		}
		if (STRICT_MODELS.test(model.id)) {
			const rejected = STRICT_PARAMETERS.find((p) => body[p] !== undefined);
			if (rejected) {
				return xaiError(
					res,
					400,
					FAILURES[400][1],
					`Model ${model.id} does not support parameter ${rejected}.`,
				);
			}
		}

		const prompt = lastUserText(body.messages);
		const directive = (name) => new RegExp(`\\[${name}(?::([^\\]]*))?\\]`).exec(prompt);
		const delay = Number(directive('delay')?.[1] ?? state.latencyMs);
		if (directive('hang')) return; // the client's timeout or abort ends it
		if (directive('echo-key')) return echoKey(res);
		if (directive('cut') || directive('stall')) return hostileStream(req, res, !!directive('cut'));
		if (delay > 0) await sleep(delay);

		const fault = pickFault();
		record.fault = fault;
		if (fault === 'reset') return req.socket.destroy();
		if (fault === 'hang') return;
		// Fault mode keeps its rate-limit waits short (retry-after-ms wins over retry-after).
		if (fault)
			return fail(res, fault, '1', { 'retry-after-ms': String(state.faults.retryAfterMs) });

		if (failByDirective(res, prompt, directive)) return;

		const toolName = directive('tool')?.[1];
		if (toolName) {
			const offered = (body.tools ?? []).map((tool) => tool.function?.name);
			if (!offered.includes(toolName)) {
				return xaiError(
					res,
					400,
					FAILURES[400][1],
					`No tool named ${toolName} was offered (offered: ${offered.join(', ') || 'none'})`,
				);
			}
			const result = body.messages.at(-1);
			if (result.role !== 'tool') {
				return toolCall(res, body, model, record, body.tools[offered.indexOf(toolName)], prompt);
			}
		}

		const imageCount = countImages(body.messages);
		const reasoning =
			model.reasoning || /mini|(?<!non-)reasoning/.test(model.id)
				? `Thinking about "${stripDirectives(prompt)}" step by step.`
				: undefined;
		const toolResult = toolName && body.messages.at(-1).content;
		const content =
			directive('reply')?.[1] ??
			(toolResult && `Answer from ${toolName}: ${toolResult}`) ??
			(body.response_format?.type?.startsWith('json')
				? JSON.stringify({ answer: `Grok reply to: ${stripDirectives(prompt)}` })
				: `Grok reply to: ${stripDirectives(prompt)}${imageCount ? ` (saw ${imageCount} image${imageCount > 1 ? 's' : ''})` : ''}`);
		const usage = usageFor(body.messages, content, reasoning, imageCount);
		const finishReason =
			body.max_completion_tokens !== undefined && body.max_completion_tokens < 5
				? 'length'
				: 'stop';
		const message = { role: 'assistant', content };
		if (reasoning) message.reasoning_content = reasoning;
		return complete(res, body, model, record, {
			message,
			deltas: [
				{ role: 'assistant', content: '' },
				...fragments(reasoning ?? '').map((piece) => ({ reasoning_content: piece })),
				...fragments(content).map((piece) => ({ content: piece })),
			],
			finishReason,
			usage,
			pace: Number(directive('pace')?.[1] ?? state.paceMs),
		});
	}

	/** Answers with a call of `tool`, every string argument filled with the prompt. */
	function toolCall(res, body, model, record, tool, prompt) {
		const properties = tool.function.parameters?.properties ?? {};
		const args = Object.fromEntries(
			Object.entries(properties)
				.filter(([, schema]) => schema.type === 'string')
				.map(([name]) => [name, stripDirectives(prompt)]),
		);
		const call = {
			id: `call_fake_${++state.counter}`,
			type: 'function',
			function: { name: tool.function.name, arguments: JSON.stringify(args) },
		};
		return complete(res, body, model, record, {
			message: { role: 'assistant', content: null, tool_calls: [call] },
			deltas: [{ role: 'assistant', tool_calls: [{ index: 0, ...call }] }],
			finishReason: 'tool_calls',
			usage: usageFor(body.messages, call.function.arguments, undefined, 0),
			pace: state.paceMs,
		});
	}

	/**
	 * Sends a chat completion: whole, or when the request streams, as SSE chunks of `deltas`
	 * `pace` ms apart, then the finish reason, the usage if asked for, and [DONE].
	 */
	async function complete(
		res,
		body,
		model,
		record,
		{ message, deltas, finishReason, usage, pace },
	) {
		const id = `chatcmpl-fake-${++state.counter}`;
		const created = Math.floor(Date.now() / 1000);
		const envelope = (object, choices, extra) => ({
			id,
			object,
			created,
			model: model.id,
			choices,
			...extra,
			system_fingerprint: 'fp_fake',
		});
		if (!body.stream) {
			const choice = { index: 0, message, finish_reason: finishReason };
			return json(res, 200, envelope('chat.completion', [choice], { usage }));
		}

		res.writeHead(200, {
			'content-type': 'text/event-stream',
			'cache-control': 'no-cache',
			connection: 'keep-alive',
		});
		const send = async (payload) => {
			if (res.destroyed) return;
			res.write(`data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`);
			if (pace > 0) await sleep(pace);
		};
		const chunk = (choices, extra) => envelope('chat.completion.chunk', choices, extra);
		for (const delta of deltas) await send(chunk([{ index: 0, delta, finish_reason: null }]));
		await send(chunk([{ index: 0, delta: {}, finish_reason: finishReason }]));
		if (body.stream_options?.include_usage) await send(chunk([], { usage }));
		record.lastChunkAt = Date.now();
		await send('[DONE]');
		res.end();
	}

	/** A stream that stops after its first words: the connection drops (cut) or goes silent. */
	function hostileStream(req, res, cut) {
		res.writeHead(200, { 'content-type': 'text/event-stream' });
		for (const content of ['The answer', ' is ']) {
			const delta = { role: 'assistant', content };
			res.write(
				`data: ${JSON.stringify({ id: 'chatcmpl-cut', object: 'chat.completion.chunk', created: 1, model: 'grok-3', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`,
			);
		}
		if (cut) setTimeout(() => req.socket.destroy(), 20);
	}

	/** [fail:kind] fails every request with this text, [fail:kind:once] only the first one. */
	function failByDirective(res, prompt, directive) {
		if (directive('echo-key')) {
			echoKey(res);
			return true;
		}
		const failure = directive('fail')?.[1];
		if (!failure) return false;
		const [kind, once] = failure.split(':');
		if (once === 'once' && onceSeen.has(prompt)) return false;
		onceSeen.add(prompt);
		fail(res, kind, '1');
		return true;
	}

	/** A careless proxy: its error quotes the Authorization header it was sent. */
	function echoKey(res) {
		return xaiError(res, 401, 'Unauthenticated', `Rejected ${res.req.headers.authorization}`);
	}

	function fail(res, kind, retryAfter, extraHeaders = {}) {
		const failure = FAILURES[kind];
		if (!failure) return xaiError(res, 400, FAILURES[400][1], `Unknown failure directive ${kind}`);
		const headers = failure[0] === 429 ? { 'retry-after': retryAfter, ...extraHeaders } : {};
		return xaiError(res, ...failure, headers);
	}

	/** Fault mode: a share of chat requests fails, chosen by a seeded generator (repeatable). */
	function pickFault() {
		const faults = state.faults;
		if (!faults) return undefined;
		const roll = faults.random();
		let edge = 0;
		for (const [kind, share] of Object.entries(faults.shares)) {
			edge += share;
			if (roll < edge) return kind;
		}
		return undefined;
	}

	return new Promise((resolve) => {
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}/v1`,
				port,
				requests,
				chatRequests: () => requests.filter((r) => r.path === '/chat/completions'),
				responsesRequests: () => requests.filter((r) => r.path.startsWith('/responses')),
				batches,
				reset() {
					requests.length = 0;
					onceSeen.clear();
					responses.reset();
				},
				set latencyMs(ms) {
					state.latencyMs = ms;
				},
				set paceMs(ms) {
					state.paceMs = ms;
				},
				/**
				 * shares: e.g. {429: 0.05, 500: 0.02, reset: 0.01, hang: 0.01} of chat requests fail so
				 * (recorded as `fault` on each request); undefined turns faults off.
				 */
				setRateLimit(limit) {
					state.limiter = limit ? createLimiter(limit) : undefined;
				},
				setFaults(shares, { seed = 1, retryAfterMs = 20 } = {}) {
					state.faults = shares ? { shares, random: seededRandom(seed), retryAfterMs } : undefined;
				},
				close,
			});
		});
	});
}

function json(res, status, payload, headers = {}) {
	if (res.destroyed) return;
	const text = JSON.stringify(payload);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

function xaiError(res, status, code, error, headers = {}) {
	json(res, status, { code, error }, headers);
}

function lastUserText(messages) {
	const user = [...messages].reverse().find((m) => m.role === 'user');
	if (!user) return '';
	if (typeof user.content === 'string') return user.content;
	return (user.content ?? [])
		.filter((p) => p.type === 'text')
		.map((p) => p.text)
		.join(' ');
}

function stripDirectives(text) {
	return text
		.replace(/\s*\[(fail|delay|hang|reply|pace|tool|cut|stall|echo-key)(:[^\]]*)?\]\s*/g, ' ')
		.trim();
}

function countImages(messages) {
	return messages.reduce(
		(n, m) =>
			n + (Array.isArray(m.content) ? m.content.filter((p) => p.type === 'image_url').length : 0),
		0,
	);
}

function tokens(text) {
	return text ? text.split(/\s+/).filter(Boolean).length : 0;
}

function usageFor(messages, content, reasoning, imageCount) {
	const textTokens = messages.reduce(
		(n, m) =>
			n +
			tokens(
				typeof m.content === 'string'
					? m.content
					: (m.content ?? []).map((p) => p.text ?? '').join(' '),
			),
		0,
	);
	const imageTokens = imageCount * 256;
	const completion = tokens(content);
	const reasoningTokens = tokens(reasoning ?? '');
	return {
		prompt_tokens: textTokens + imageTokens,
		completion_tokens: completion,
		total_tokens: textTokens + imageTokens + completion + reasoningTokens,
		prompt_tokens_details: {
			text_tokens: textTokens,
			audio_tokens: 0,
			image_tokens: imageTokens,
			cached_tokens: 0,
		},
		completion_tokens_details: {
			reasoning_tokens: reasoningTokens,
			audio_tokens: 0,
			accepted_prediction_tokens: 0,
			rejected_prediction_tokens: 0,
		},
		num_sources_used: 0,
	};
}

/** Splits text into the uneven fragments a real stream brings (words, sometimes halves of them). */
function fragments(text) {
	return text.match(/\S{1,4}\s*|\s+/g) ?? [];
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function seededRandom(seed) {
	let s = seed >>> 0 || 1;
	return () => {
		s ^= s << 13;
		s ^= s >>> 17;
		s ^= s << 5;
		return (s >>> 0) / 4294967296;
	};
}

module.exports = { startFakeXai };

// `node test/fake-xai/server.js [port]` runs it on its own (end-to-end tests, offline demo).
if (require.main === module) {
	const port = Number(process.argv[2] ?? process.env.FAKE_XAI_PORT ?? 0);
	startFakeXai({ port, paceMs: Number(process.env.FAKE_XAI_PACE_MS ?? 0) }).then((fake) => {
		console.log(`fake xAI listening on ${fake.url}`);
	});
}
