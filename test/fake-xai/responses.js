'use strict';
/**
 * xAI's Responses API for the fake xAI server: POST /v1/responses (whole JSON or SSE), and
 * GET / DELETE /v1/responses/{id} for stored responses. server.js owns the HTTP server and the
 * API-key checks; it hands every request whose path (already stripped of /v1) is /responses or
 * /responses/... to handle(), which answers it and returns true (false for any other path).
 *
 * helpers, from server.js:
 *   json(res, status, payload, headers)            write a JSON reply
 *   xaiError(res, status, code, message, headers)  write xAI's {"code": ..., "error": ...}
 *   failByDirective(res, prompt, directive)        answer [fail:<kind>] / [fail:<kind>:once] as chat
 *                                                  does; true when it answered
 *   sleep(ms)                                      a promise that resolves after ms
 *   models                                         MODELS: [{ id, images, aliases }]
 *   FAILURES                                       kind -> [status, code, message]; codes reused
 *   settings()   optional; current { paceMs, latencyMs } of the server (defaults: 0)
 * createResponsesApi(helpers) returns { handle, stored, reset }: stored maps id -> the response
 * object as last sent; reset() forgets stored responses (/__reset).
 *
 * Directives in the last user input (like chat): [fail:<kind>] [fail:<kind>:once] [hang]
 * [delay:ms] [reply:text] [pace:ms], and for hostile tests:
 *   [cut]           stream: two text deltas, then the socket is destroyed (no response.completed);
 *                   whole: headers with the full content-length, half the body, then destroyed
 *   [stream-error]  stream: one text delta, then xAI's in-stream `error` event, then the end;
 *                   whole: HTTP 200 whose body is an error, as xAI sends when it times out
 *   [incomplete]    status "incomplete", incomplete_details.reason "max_output_tokens"
 *                   (max_output_tokens < 5 does the same and cuts the text to that many words)
 *   [sse:data-only] SSE without `event:` lines, to check a client reads the type from the data
 *
 * Fake behaviour: reasoning models (ID has "mini", or "reasoning" not after "non-") answer with a
 * reasoning item; those and grok-4* reject presence_penalty, frequency_penalty and stop, as chat
 * does. reasoning.effort: "mini" models take low|high, the others none|low|medium|high (xhigh is
 * grok-4.6's alone on xAI). Tools: each web_search adds a web_search_call and cites
 * example.com/a, news.example.org/b and /a again (for dedup tests); x_search adds an
 * x_keyword_search custom_tool_call and cites x.com/i/status/1; code_interpreter runs
 * print(len(prompt)); file_search returns one result when include asks for it. Function tools
 * (an agent's tools) are called as functions.js says, before any built-in tool runs. Citations are
 * inline `[[n]](url)` markers at the end of the text (xAI's Responses default), annotated with
 * their position and title "n"; with include "no_inline_citations", a [reply:] or a JSON format,
 * the text has no markers and the annotations are xAI's positionless ones (indices 0, title =
 * url). A previous_response_id adds "(continuing <id>, turn N)", N counting the chain from 1;
 * its tokens come back as cached input. cost_in_usd_ticks (1 tick = 1e-10 USD) = 2000 per
 * uncached and 500 per cached input token, 10000 per output token, 50_000_000 per tool call.
 * Error messages for invalid tools and parameters are plausible; xAI's exact words are unknown.
 *
 * REAL SHAPES, from vercel/ai packages/xai/src/responses/ (__fixtures__ and xai-responses-api.ts):
 * - Response (issue-17936-generate.json, grok-4.3, 2026): id is a bare UUID; object "response";
 *   created_at, completed_at, model, output, status completed|incomplete, incomplete_details,
 *   previous_response_id, store (true unless sent false), reasoning {effort, summary},
 *   text.format {type:"text"}, tools and tool_choice echoed, temperature, top_p, user,
 *   max_output_tokens, parallel_tool_calls, metadata {system_fingerprint}, background,
 *   service_tier "default", truncation "disabled", top_logprobs, presence/frequency_penalty,
 *   prompt_cache_key, max_tool_calls, safety_identifier, error null, instructions. No top-level
 *   `citations` in any Responses fixture (that list is the xAI SDK's); sources are annotations.
 * - usage: input_tokens, input_tokens_details.cached_tokens, output_tokens (reasoning included),
 *   output_tokens_details.reasoning_tokens, total_tokens, num_sources_used (0 even after
 *   searches), num_server_side_tools_used, cost_in_usd_ticks, context_details, and with tools
 *   server_side_tool_usage_details {web_search_calls, x_search_calls, code_interpreter_calls,
 *   file_search_calls, mcp_calls, document_search_calls, image_generation_calls}.
 * - Items: reasoning {id "rs_<id>", summary [{type "summary_text", text}], status,
 *   encrypted_content when include has reasoning.encrypted_content}; message {id "msg_<id>",
 *   role assistant, status, content [{type output_text, text, logprobs [], annotations}]};
 *   annotations {type url_citation, url, start_index, end_index, title}
 *   (xai-13218-web-search-provider-tool-result.1.chunks.txt: indices 0, title = url).
 * - web_search_call (xai-13218 fixture, 2026): {id "ws_<id>_call-...", status,
 *   action {type "search", query, sources [{type "url", url}]}}; the 2025 fixtures
 *   (xai-web-search-tool.1.json) had {name "web_search", arguments, call_id ""} instead.
 * - X search (xai-x-search-tool.chunks.txt, Dec 2025): custom_tool_call {id "ctc_<id>_xs_call_N",
 *   call_id "xs_call_N", name "x_keyword_search" (or x_semantic_search, view_x_video), input
 *   JSON}; xai-x-search-tool.1.json (Oct 2025) typed it x_search_call with name/arguments.
 * - Code execution: request tool {type "code_interpreter"} (code_execution is the xAI SDK name);
 *   item code_interpreter_call {name "code_execution", arguments "{\"code\":...}", call_id ""}
 *   (xai-code-execution-tool.1.json). `code` and `outputs` [{type logs}] are added here as
 *   OpenAI has them, since xAI streams code_interpreter_call_code.delta/done; not in a fixture.
 * - file_search: tool {vector_store_ids, max_num_results}; item file_search_call {queries,
 *   results} (xai-file-search-tool.1.json, which looks hand-written).
 * - SSE (xai-text-with-reasoning-streaming.1, issue-17936-stream, xai-13218, xai-x-search-tool
 *   chunks): every event has type and sequence_number; response.created, response.in_progress
 *   (status in_progress, usage null), per item output_item.added ... output_item.done, with
 *   reasoning_summary_part.added, reasoning_summary_text.delta/done, reasoning_summary_part.done;
 *   web_search_call.in_progress/searching/completed; custom_tool_call_input.delta/done;
 *   content_part.added, output_text.delta (logprobs []), then all output_text.annotation.added,
 *   output_text.done (text, no annotations), content_part.done (with annotations), and finally
 *   response.completed (or response.incomplete / response.failed). The in-stream error is
 *   {type "error", code null, message, param null} (xai-responses-language-model.test.ts).
 *   The fixtures keep only data payloads, so `event:` lines are OpenAI's convention, assumed
 *   here; no [DONE] ends the stream.
 */

const { functionAnswer, functionCallEvents, nextFunctionCall } = require('./functions');

const STRICT_MODELS = /^grok-(4|3-mini)/;
const REASONING_MODELS = /mini|(?<!non-)reasoning/;
const STRICT_PARAMETERS = ['presence_penalty', 'frequency_penalty', 'stop'];
const EFFORTS = ['none', 'low', 'medium', 'high', 'xhigh'];
const MINI_EFFORTS = ['low', 'high'];
const OTHER_EFFORTS = ['none', 'low', 'medium', 'high'];
const SUMMARIES = ['auto', 'concise', 'detailed'];
const ROLES = ['developer', 'system', 'user', 'assistant'];
const PART_TYPES = ['input_text', 'input_image', 'input_file', 'output_text'];
const IMAGE_DETAILS = ['low', 'high', 'auto'];
const FORMAT_TYPES = ['text', 'json_object', 'json_schema'];
const TOOL_TYPES = [
	'web_search',
	'x_search',
	'code_interpreter',
	'file_search',
	'function',
	'mcp',
	'view_image',
	'view_x_video',
	'image_generation',
];
const MAX_DOMAINS = 5;
// The Vercel AI SDK enforces 10; xAI's current docs allow 20. The fake holds clients to 10.
const MAX_X_HANDLES = 10;
const WEB_SOURCES = ['https://example.com/a', 'https://news.example.org/b'];
const X_SOURCE = 'https://x.com/i/status/1';
const IMAGE_TOKENS = 256;
const TICKS = { input: 2000, cached: 500, output: 10000, tool: 50_000_000 };
const UNPROCESSABLE = 'Unprocessable entity';
const STREAM_ERROR = 'Service temporarily unavailable. The model did not respond to this request.';
// What xAI answers with HTTP 200 when the model times out (vercel/ai pull request #11671).
const TIMEOUT_BODY = {
	code: 'The service is currently unavailable',
	error: 'Timed out waiting for first token',
};

/** A request xAI refuses: the HTTP status and the message it answers with. */
class Refusal extends Error {
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

function unprocessable(detail) {
	return new Refusal(422, `Failed to deserialize the JSON body into the target type: ${detail}`);
}

function unknownVariant(where, value, expected) {
	const list = expected.map((v) => `\`${v}\``).join(', ');
	return unprocessable(`${where}: unknown variant \`${value}\`, expected one of ${list}`);
}

function createResponsesApi(helpers) {
	const { json, xaiError, failByDirective, sleep, models, FAILURES } = helpers;
	const settings = () => (helpers.settings ? helpers.settings() : {});
	const codes = { 400: FAILURES[400][1], 404: FAILURES[404][1], 410: 'Gone', 422: UNPROCESSABLE };
	const stored = new Map();
	let counter = 0;

	function handle(req, res, path, body, record = {}) {
		if (path !== '/responses' && !path.startsWith('/responses/')) return false;
		route(req, res, path, body, record).catch((error) => {
			// Past the headers, a failure can only end the stream.
			if (res.headersSent) return res.destroy();
			if (error instanceof Refusal) {
				return xaiError(res, error.status, codes[error.status], error.message);
			}
			xaiError(res, 500, 'Internal error', String(error));
		});
		return true;
	}

	async function route(req, res, path, body, record) {
		if (path === '/responses' && req.method === 'POST') return create(req, res, body, record);
		const id = decodeURIComponent(path.slice('/responses/'.length));
		if (id && !id.includes('/') && req.method === 'GET') return json(res, 200, storedOrFail(id));
		if (id && !id.includes('/') && req.method === 'DELETE') {
			storedOrFail(id);
			stored.delete(id);
			return json(res, 200, { id, object: 'response', deleted: true });
		}
		throw new Refusal(404, `No route for ${req.method} ${path}`);
	}

	function storedOrFail(id) {
		const response = stored.get(id);
		if (!response) {
			throw new Refusal(
				404,
				`The response ${id} does not exist or your team does not have access to it.`,
			);
		}
		return response;
	}

	async function create(req, res, body, record) {
		const request = validate(body);
		const prompt = lastUserText(request.items);
		const directive = (name) => new RegExp(`\\[${name}(?::([^\\]]*))?\\]`).exec(prompt);
		const delay = Number(directive('delay')?.[1] ?? settings().latencyMs ?? 0);
		if (directive('hang')) return; // the client's timeout or abort ends it
		if (delay > 0) await sleep(delay);

		if (failByDirective(res, prompt, directive)) return;

		const response = compose(body, request, prompt, directive);
		record.responseId = response.id;
		const keep = () => body.store !== false && stored.set(response.id, response);
		if (!body.stream) return answerWhole(req, res, response, directive, keep);
		const pace = Number(directive('pace')?.[1] ?? settings().paceMs ?? 0);
		const sent = await answerStream(req, res, response, {
			pace,
			cut: Boolean(directive('cut')),
			broken: Boolean(directive('stream-error')),
			dataOnly: directive('sse')?.[1] === 'data-only',
		});
		record.lastChunkAt = Date.now();
		if (sent) keep();
	}

	/** Checks the body as xAI would; returns its model, input items, tools and previous reply. */
	function validate(body) {
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			throw unprocessable('expected a JSON object');
		}
		for (const field of ['model', 'input']) {
			if (body[field] === undefined) throw unprocessable(`missing field \`${field}\``);
		}
		if (body.search_parameters !== undefined) {
			throw new Refusal(410, 'Live search is deprecated. Please switch to the Agent Tools API.');
		}
		const model = models.find((m) => m.id === body.model || m.aliases.includes(body.model));
		if (!model) {
			throw new Refusal(
				404,
				`The model ${body.model} does not exist or your team does not have access to it.`,
			);
		}
		const items = inputItems(body.input);
		checkParameters(body, model);
		const tools = checkTools(body.tools);
		let previous;
		if (body.previous_response_id != null) {
			if (body.instructions != null) {
				throw new Refusal(400, 'instructions cannot be used together with previous_response_id.');
			}
			previous = storedOrFail(body.previous_response_id);
		}
		return { model, items, tools, previous };
	}

	function checkParameters(body, model) {
		if (STRICT_MODELS.test(model.id) || REASONING_MODELS.test(model.id)) {
			const rejected = STRICT_PARAMETERS.find((p) => body[p] !== undefined);
			if (rejected)
				throw new Refusal(400, `Model ${model.id} does not support parameter ${rejected}.`);
		}
		const { effort, summary } = body.reasoning ?? {};
		if (effort != null) {
			if (!EFFORTS.includes(effort)) throw unknownVariant('reasoning.effort', effort, EFFORTS);
			const allowed = model.id.includes('mini') ? MINI_EFFORTS : OTHER_EFFORTS;
			if (!allowed.includes(effort)) {
				throw new Refusal(400, `Model ${model.id} does not support reasoning effort "${effort}".`);
			}
		}
		if (summary != null && !SUMMARIES.includes(summary)) {
			throw unknownVariant('reasoning.summary', summary, SUMMARIES);
		}
		checkRange(body, 'temperature', 0, 2);
		checkRange(body, 'top_p', 0, 1);
		const max = body.max_output_tokens;
		if (max != null && !(Number.isInteger(max) && max > 0)) {
			throw new Refusal(400, `max_output_tokens must be a positive integer, got ${max}.`);
		}
		const format = body.text?.format;
		if (format != null) {
			if (!FORMAT_TYPES.includes(format.type)) {
				throw unknownVariant('text.format.type', format.type, FORMAT_TYPES);
			}
			for (const field of format.type === 'json_schema' ? ['name', 'schema'] : []) {
				if (format[field] === undefined)
					throw unprocessable(`text.format: missing field \`${field}\``);
			}
		}
	}

	function checkRange(body, name, low, high) {
		const value = body[name];
		if (value != null && !(typeof value === 'number' && value >= low && value <= high)) {
			throw new Refusal(400, `${name} must be between ${low} and ${high}, got ${value}.`);
		}
	}

	function checkTools(tools) {
		if (tools == null) return [];
		if (!Array.isArray(tools)) throw unprocessable('tools: invalid type, expected a sequence');
		tools.forEach((tool, i) => {
			if (!TOOL_TYPES.includes(tool?.type))
				throw unknownVariant(`tools[${i}].type`, tool?.type, TOOL_TYPES);
			if (tool.type === 'web_search') {
				checkFilter(tool, 'allowed_domains', 'excluded_domains', MAX_DOMAINS);
			} else if (tool.type === 'x_search') {
				checkFilter(tool, 'allowed_x_handles', 'excluded_x_handles', MAX_X_HANDLES);
				for (const field of ['from_date', 'to_date']) checkDate(tool[field], field);
				if (tool.from_date && tool.to_date && tool.from_date > tool.to_date) {
					throw new Refusal(400, `from_date ${tool.from_date} is after to_date ${tool.to_date}.`);
				}
			} else if (tool.type === 'file_search') {
				const ids = tool.vector_store_ids;
				if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) {
					throw new Refusal(400, 'file_search needs vector_store_ids: one or more collection IDs.');
				}
			} else if (tool.type === 'function' && typeof tool.name !== 'string') {
				throw unprocessable(`tools[${i}]: missing field \`name\``);
			}
		});
		return tools;
	}

	/** Builds the whole response: output items, text, usage; stores nothing. */
	function compose(body, { model, items, tools, previous }, prompt, directive) {
		const id = `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
		const asked = stripDirectives(prompt);
		const include = Array.isArray(body.include) ? body.include : [];
		const output = [];
		const citations = [];
		const usedTools = { web_search: 0, x_search: 0, code_interpreter: 0, file_search: 0 };

		const reasoning = REASONING_MODELS.test(model.id)
			? `Thinking about "${asked}" step by step.`
			: undefined;
		if (reasoning) output.push(reasoningItem(id, reasoning, include));
		// The agent's own tools first (functions.js): a call of one is the whole response.
		const refuse = (status, message) => new Refusal(status, message);
		const functionCall = nextFunctionCall(id, tools, items, asked, directive('tool')?.[1], refuse);
		if (functionCall) output.push(functionCall);
		for (const tool of functionCall ? [] : tools) {
			const call = toolCall(id, tool, asked, include, output.length);
			if (!call) continue;
			output.push(call.item);
			citations.push(...call.citations);
			usedTools[tool.type] += 1;
		}

		const images = countImages(items);
		const turn = chainLength(previous);
		const base =
			`Grok reply to: ${asked}` +
			(images ? ` (saw ${images} image${images > 1 ? 's' : ''})` : '') +
			(previous ? ` (continuing ${previous.id}, turn ${turn})` : '');
		const structured = ['json_object', 'json_schema'].includes(body.text?.format?.type);
		const reply = directive('reply')?.[1];
		const answer = functionAnswer(items);
		let text = reply ?? answer ?? (structured ? JSON.stringify({ answer: base }) : base);
		const max = body.max_output_tokens;
		const truncated = max != null && max < 5;
		if (truncated) text = text.split(' ').slice(0, max).join(' ');
		const incomplete = truncated || Boolean(directive('incomplete'));
		const inline =
			reply === undefined && !structured && !truncated && !include.includes('no_inline_citations');
		const cited = functionCall ? { text: functionCall.arguments } : cite(text, citations, inline);
		if (!functionCall)
			output.push({
				content: [
					{ type: 'output_text', text: cited.text, logprobs: [], annotations: cited.annotations },
				],
				id: `msg_${id}`,
				role: 'assistant',
				type: 'message',
				status: incomplete ? 'incomplete' : 'completed',
			});

		const now = Math.floor(Date.now() / 1000);
		return {
			created_at: now,
			completed_at: now,
			id,
			max_output_tokens: max ?? null,
			model: model.id,
			object: 'response',
			output,
			parallel_tool_calls: body.parallel_tool_calls ?? true,
			previous_response_id: body.previous_response_id ?? null,
			reasoning: {
				effort: body.reasoning?.effort ?? null,
				summary: body.reasoning?.summary ?? null,
			},
			temperature: body.temperature ?? null,
			text: { format: body.text?.format ?? { type: 'text' } },
			tool_choice: body.tool_choice ?? 'auto',
			tools,
			top_p: body.top_p ?? null,
			usage: usageFor(body, items, images, previous, cited.text, reasoning, usedTools),
			user: body.user ?? null,
			incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
			status: incomplete ? 'incomplete' : 'completed',
			store: body.store ?? true,
			metadata: { system_fingerprint: 'fp_fake' },
			background: false,
			service_tier: body.service_tier ?? 'default',
			truncation: 'disabled',
			top_logprobs: body.top_logprobs ?? 0,
			presence_penalty: body.presence_penalty ?? 0,
			frequency_penalty: body.frequency_penalty ?? 0,
			prompt_cache_key: body.prompt_cache_key ?? null,
			max_tool_calls: body.max_tool_calls ?? null,
			safety_identifier: body.safety_identifier ?? null,
			error: null,
			instructions: body.instructions ?? null,
		};
	}

	/** How many responses the chain has once this one joins it (1 without a previous one). */
	function chainLength(previous) {
		let length = 1;
		for (let r = previous; r; r = stored.get(r.previous_response_id)) length += 1;
		return length;
	}

	function usageFor(body, items, images, previous, text, reasoning, usedTools) {
		const cached = previous ? previous.usage.total_tokens : 0;
		const input = tokens(body.instructions) + inputTokens(items) + images * IMAGE_TOKENS + cached;
		const reasoningTokens = tokens(reasoning);
		const output = tokens(text) + reasoningTokens;
		const toolCalls = Object.values(usedTools).reduce((n, count) => n + count, 0);
		const usage = {
			input_tokens: input,
			input_tokens_details: { cached_tokens: cached },
			output_tokens: output,
			output_tokens_details: { reasoning_tokens: reasoningTokens },
			total_tokens: input + output,
			num_sources_used: 0,
			num_server_side_tools_used: toolCalls,
			cost_in_usd_ticks:
				(input - cached) * TICKS.input +
				cached * TICKS.cached +
				output * TICKS.output +
				toolCalls * TICKS.tool,
			context_details: { input_tokens: input, output_tokens: output },
		};
		if (toolCalls) {
			usage.server_side_tool_usage_details = {
				web_search_calls: usedTools.web_search,
				x_search_calls: usedTools.x_search,
				code_interpreter_calls: usedTools.code_interpreter,
				file_search_calls: usedTools.file_search,
				mcp_calls: 0,
				document_search_calls: 0,
				image_generation_calls: 0,
			};
		}
		return usage;
	}

	function answerWhole(req, res, response, directive, keep) {
		if (directive('stream-error')) return json(res, 200, TIMEOUT_BODY);
		if (directive('cut')) {
			const text = JSON.stringify(response);
			res.writeHead(200, {
				'content-type': 'application/json',
				'content-length': Buffer.byteLength(text),
			});
			return res.write(text.slice(0, Math.floor(text.length / 2)), () => req.socket.destroy());
		}
		keep();
		json(res, 200, response);
	}

	/** Streams the response's events; true if they all went out (nothing cut or broken). */
	async function answerStream(req, res, response, { pace, cut, broken, dataOnly }) {
		res.writeHead(200, {
			'content-type': 'text/event-stream',
			'cache-control': 'no-cache',
			connection: 'keep-alive',
		});
		let sequence = 0;
		const send = async (type, fields) => {
			const event = { sequence_number: sequence++, type, ...fields };
			const frame = `${dataOnly ? '' : `event: ${type}\n`}data: ${JSON.stringify(event)}\n\n`;
			await new Promise((resolve) => res.write(frame, resolve));
			if (pace > 0) await sleep(pace);
		};
		let deltas = 0;
		for (const [type, fields] of responseEvents(response)) {
			if (res.destroyed || req.socket.destroyed) return false; // the client went away
			if (type === 'response.output_text.delta') deltas += 1;
			// A reply too short for the planned break still breaks before its last event.
			const last = type === 'response.completed' || type === 'response.incomplete';
			if (broken && (deltas === 2 || last)) {
				await send('error', { code: null, message: STREAM_ERROR, param: null });
				res.end();
				return false;
			}
			if (cut && (deltas === 3 || last)) {
				req.socket.destroy();
				return false;
			}
			await send(type, fields);
		}
		res.end();
		return true;
	}

	return {
		handle,
		stored,
		reset() {
			stored.clear();
		},
	};
}

/** The output item of one server-side tool call, and the URLs it lets the answer cite. */
function toolCall(id, tool, asked, include, index) {
	if (tool.type === 'web_search') {
		const sources = WEB_SOURCES.map((url) => ({ type: 'url', url }));
		return {
			item: {
				id: `ws_${id}_call-${index}`,
				type: 'web_search_call',
				status: 'completed',
				action: { type: 'search', query: asked, sources },
			},
			citations: [...WEB_SOURCES, WEB_SOURCES[0]],
		};
	}
	if (tool.type === 'x_search') {
		const query = { query: asked, limit: 10, mode: 'Latest' };
		if (tool.from_date) query.from_date = tool.from_date;
		if (tool.to_date) query.to_date = tool.to_date;
		return {
			item: {
				call_id: `xs_call_${index}`,
				input: JSON.stringify(query),
				name: 'x_keyword_search',
				type: 'custom_tool_call',
				id: `ctc_${id}_xs_call_${index}`,
				status: 'completed',
			},
			citations: [X_SOURCE],
		};
	}
	if (tool.type === 'code_interpreter') {
		const code = `print(len(${JSON.stringify(asked)}))`;
		return {
			item: {
				arguments: JSON.stringify({ code }),
				call_id: '',
				name: 'code_execution',
				type: 'code_interpreter_call',
				id: `ci_${id}_call-${index}`,
				status: 'completed',
				code,
				outputs: [{ type: 'logs', logs: `${[...asked].length}\n` }],
			},
			citations: [],
		};
	}
	if (tool.type === 'file_search') {
		const results = include.includes('file_search_call.results')
			? [{ file_id: 'file_fake_1', filename: 'notes.md', score: 0.9, text: `Notes on ${asked}` }]
			: null;
		return {
			item: {
				type: 'file_search_call',
				id: `fs_${id}_call-${index}`,
				status: 'completed',
				queries: [asked],
				results,
			},
			citations: [],
		};
	}
	return undefined; // client-side functions, MCP and the media tools: the fake never calls them
}

function reasoningItem(id, summary, include) {
	const item = {
		id: `rs_${id}`,
		summary: [{ text: summary, type: 'summary_text' }],
		type: 'reasoning',
		status: 'completed',
	};
	if (include.includes('reasoning.encrypted_content')) {
		item.encrypted_content = Buffer.from(`fake reasoning of ${id}`).toString('base64');
	}
	return item;
}

/**
 * Appends inline citation markers `[[n]](url)` (n numbers each URL at its first citation) and
 * annotates them; without inline citations the text stays as it is and the annotations carry no
 * position, as xAI's do then.
 */
function cite(text, urls, inline) {
	const numbers = new Map();
	const annotations = [];
	let cited = text;
	for (const url of urls) {
		if (!numbers.has(url)) numbers.set(url, numbers.size + 1);
		if (!inline) {
			annotations.push({ type: 'url_citation', url, start_index: 0, end_index: 0, title: url });
			continue;
		}
		const marker = `[[${numbers.get(url)}]](${url})`;
		cited += ' ';
		annotations.push({
			type: 'url_citation',
			url,
			start_index: cited.length,
			end_index: cited.length + marker.length,
			title: String(numbers.get(url)),
		});
		cited += marker;
	}
	return { text: cited, annotations };
}

/** The SSE events of a response, in xAI's order, as [type, fields] pairs. */
function* responseEvents(response) {
	const opening = {
		...response,
		completed_at: null,
		output: [],
		usage: null,
		incomplete_details: null,
		status: 'in_progress',
	};
	yield ['response.created', { response: opening }];
	yield ['response.in_progress', { response: opening }];
	for (const [index, item] of response.output.entries()) yield* itemEvents(item, index);
	const last = response.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
	yield [last, { response }];
}

function* itemEvents(item, output_index) {
	const at = { item_id: item.id, output_index };
	const added = (start) => [
		'response.output_item.added',
		{ item: { ...item, ...start }, output_index },
	];
	const done = ['response.output_item.done', { item, output_index }];
	const progress = (kind, steps) => steps.map((step) => [`response.${kind}.${step}`, at]);

	if (item.type === 'reasoning') {
		const { text } = item.summary[0];
		const part = { text, type: 'summary_text' };
		yield added({ summary: [], status: 'in_progress' });
		yield [
			'response.reasoning_summary_part.added',
			{ ...at, part: { ...part, text: '' }, summary_index: 0 },
		];
		for (const delta of fragments(text)) {
			yield ['response.reasoning_summary_text.delta', { delta, ...at, summary_index: 0 }];
		}
		yield ['response.reasoning_summary_text.done', { ...at, summary_index: 0, text }];
		yield ['response.reasoning_summary_part.done', { ...at, part, summary_index: 0 }];
	} else if (item.type === 'web_search_call') {
		yield added({ status: 'in_progress', action: { type: 'search', query: '', sources: [] } });
		yield* progress('web_search_call', ['in_progress', 'searching', 'completed']);
	} else if (item.type === 'custom_tool_call') {
		yield added({ input: '', status: 'in_progress' });
		yield ['response.custom_tool_call_input.delta', { ...at, delta: item.input }];
		yield ['response.custom_tool_call_input.done', { ...at, input: item.input }];
	} else if (item.type === 'code_interpreter_call') {
		yield added({ arguments: '', code: '', outputs: null, status: 'in_progress' });
		yield* progress('code_interpreter_call', ['in_progress']);
		yield ['response.code_interpreter_call_code.delta', { ...at, delta: item.code }];
		yield ['response.code_interpreter_call_code.done', { ...at, code: item.code }];
		yield* progress('code_interpreter_call', ['interpreting', 'completed']);
	} else if (item.type === 'file_search_call') {
		yield added({ results: null, status: 'in_progress' });
		yield* progress('file_search_call', ['in_progress', 'searching', 'completed']);
	} else if (item.type === 'function_call') {
		return yield* functionCallEvents(item, output_index, fragments);
	} else if (item.type === 'message') {
		const [{ text, annotations }] = item.content;
		const part = { type: 'output_text', text: '', logprobs: [], annotations: [] };
		const content = { content_index: 0, ...at };
		yield added({ content: [], status: 'in_progress' });
		yield ['response.content_part.added', { ...content, part }];
		for (const delta of fragments(text)) {
			yield ['response.output_text.delta', { ...content, delta, logprobs: [] }];
		}
		for (const [annotation_index, annotation] of annotations.entries()) {
			yield ['response.output_text.annotation.added', { annotation, annotation_index, ...content }];
		}
		yield ['response.output_text.done', { ...content, text, logprobs: [] }];
		yield ['response.content_part.done', { ...content, part: item.content[0] }];
	}
	yield done;
}

/** Input as a list of items: a string is one user message. */
function inputItems(input) {
	if (typeof input === 'string') return [{ role: 'user', content: input }];
	if (!Array.isArray(input)) throw unprocessable('input: expected a string or a sequence');
	if (input.length === 0) throw new Refusal(400, 'input must contain at least one item.');
	input.forEach((item, i) => {
		if (!item || typeof item !== 'object') throw unprocessable(`input[${i}]: expected an object`);
		if (item.type !== undefined && item.type !== 'message') return; // tool results, prior items
		if (!ROLES.includes(item.role)) throw unknownVariant(`input[${i}].role`, item.role, ROLES);
		if (typeof item.content === 'string') return;
		if (!Array.isArray(item.content)) {
			throw unprocessable(`input[${i}].content: expected a string or a sequence`);
		}
		item.content.forEach((part, j) => {
			const where = `input[${i}].content[${j}]`;
			if (!PART_TYPES.includes(part?.type))
				throw unknownVariant(`${where}.type`, part?.type, PART_TYPES);
			if (part.type === 'input_text' && typeof part.text !== 'string') {
				throw unprocessable(`${where}: missing field \`text\``);
			}
			if (part.type === 'input_image') {
				if (typeof part.image_url !== 'string')
					throw unprocessable(`${where}: missing field \`image_url\``);
				if (part.detail != null && !IMAGE_DETAILS.includes(part.detail)) {
					throw unknownVariant(`${where}.detail`, part.detail, IMAGE_DETAILS);
				}
			}
		});
	});
	return input;
}

function isMessage(item) {
	return item.type === undefined || item.type === 'message';
}

function textOf(item) {
	if (typeof item.content === 'string') return item.content;
	if (Array.isArray(item.content)) {
		return item.content
			.filter((p) => p.type === 'input_text' || p.type === 'output_text')
			.map((p) => p.text)
			.join(' ');
	}
	return typeof item.output === 'string' ? item.output : '';
}

function lastUserText(items) {
	const user = [...items].reverse().find((item) => isMessage(item) && item.role === 'user');
	return user ? textOf(user) : '';
}

function countImages(items) {
	return items.reduce(
		(n, item) =>
			n +
			(Array.isArray(item.content)
				? item.content.filter((p) => p.type === 'input_image').length
				: 0),
		0,
	);
}

function inputTokens(items) {
	return items.reduce((n, item) => n + tokens(textOf(item)), 0);
}

function stripDirectives(text) {
	return text
		.replace(
			/\s*\[(fail|delay|hang|reply|pace|tool|cut|stream-error|incomplete|sse)(:[^\]]*)?\]\s*/g,
			' ',
		)
		.trim();
}

function checkFilter(tool, allowed, excluded, max) {
	if (tool[allowed]?.length && tool[excluded]?.length) {
		throw new Refusal(400, `Only one of ${allowed} and ${excluded} can be set.`);
	}
	for (const field of [allowed, excluded]) {
		if (tool[field] != null && !Array.isArray(tool[field])) {
			throw unprocessable(`${field}: invalid type, expected a sequence`);
		}
		if (tool[field]?.length > max) {
			throw new Refusal(
				400,
				`${field} can have at most ${max} entries, got ${tool[field].length}.`,
			);
		}
	}
}

function checkDate(value, field) {
	if (value == null) return;
	const date = new Date(`${value}T00:00:00Z`);
	const valid =
		typeof value === 'string' &&
		/^\d{4}-\d{2}-\d{2}$/.test(value) &&
		!Number.isNaN(date.getTime()) &&
		date.toISOString().startsWith(value); // rejects 2025-02-30, which Date would roll over
	if (!valid) throw new Refusal(400, `Invalid ${field} "${value}": expected a date as YYYY-MM-DD.`);
}

function tokens(text) {
	return text ? text.split(/\s+/).filter(Boolean).length : 0;
}

/** Splits text into the uneven fragments a real stream brings (words, sometimes halves of them). */
function fragments(text) {
	return text.match(/\S{1,4}\s*|\s+/g) ?? [];
}

module.exports = { createResponsesApi };
