'use strict';
/**
 * xAI's Files upload and Batch API for the fake xAI server. server.js owns the HTTP server and
 * the API-key checks; it hands every request to handle(req, res, path, body), which answers
 * those it knows (path already stripped of /v1) and returns true, false for any other:
 *
 *   POST /files                      multipart (file, purpose ignored as xAI does); a .jsonl file's
 *                                    lines are checked: JSON, unique custom_id, method POST,
 *                                    url /v1/chat/completions, body an object; 400 naming the line
 *   POST /batches                    {name, input_file_id} -> the batch (404 for an unknown file)
 *   GET  /batches/{id}               the batch; each GET is a poll that moves the processing on
 *   GET  /batches/{id}/results       ?limit (1-1000, default 100) &pagination_token: the results
 *                                    processed so far, in the order they were processed (not the
 *                                    file's), pagination_token null on the last page
 *   POST /batches/{id}:cancel        pending requests become cancelled results (code 1)
 *
 * helpers, from server.js: json(res, status, payload), xaiError(res, status, code, message), and
 * chat(req, res, body, record), the fake's own chat endpoint: each line is answered by it in
 * memory, so every directive of the prompt works in a batch too ([fail:400] fails that line with
 * xAI's message; [hang], [cut] and faults leave it unanswered, reported as code 4).
 *
 * Processing (settings, changeable on the returned object's `settings`, or FAKE_XAI_BATCH_POLLS
 * for the stand-alone server): a batch is done after `polls` GETs (default 2; the share done grows
 * with each), or, with `ms` set, that long after its creation. `expireMs` (default 24 h) sets
 * expire_time; an expired batch moves no more. Lines are processed in a seeded shuffled order.
 *
 * REAL SHAPES, from vercel/ai packages/xai/src/xai-batch.ts and its tests (2026): batch
 * {batch_id, name, create_time, expire_time, cancel_time, cancel_by_xai_message, state
 * {num_requests, num_pending, num_success, num_error, num_cancelled}}; results page {results:
 * [{batch_request_id (= custom_id), batch_result: {response: {chat_get_completion}, error:
 * {code, message}}, error_message}], pagination_token}; error codes are gRPC's (1 cancelled,
 * 3 invalid argument). Text lines come back as chat completions whatever their url.
 * Cost: usage.cost_in_usd_ticks (1 tick = 1e-10 USD) at BATCH_DISCOUNT of fullPriceTicks:
 * 2000 per prompt token, 10000 per completion or reasoning token (the Responses fake's prices);
 * the batch's cost_breakdown.total_cost_usd_ticks is the sum over its results so far (the shape
 * of xai-org/xai-sdk-python's batch proto, BatchCostBreakdown).
 */
const BATCH_DISCOUNT = 0.5;
const PROMPT_TICKS = 2000;
const COMPLETION_TICKS = 10000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** HTTP status of a failed line -> the gRPC code xAI reports for it. */
const GRPC_CODE = { 400: 3, 401: 16, 403: 7, 404: 5, 410: 9, 422: 3, 429: 8, 500: 13, 503: 14 };

function fullPriceTicks(usage) {
	const reasoning = usage?.completion_tokens_details?.reasoning_tokens ?? 0;
	return (
		(usage?.prompt_tokens ?? 0) * PROMPT_TICKS +
		((usage?.completion_tokens ?? 0) + reasoning) * COMPLETION_TICKS
	);
}

function createBatchApi({ json, xaiError, chat }, options = {}) {
	const files = new Map();
	const batches = new Map();
	let counter = 0;
	const settings = {
		polls: Number(process.env.FAKE_XAI_BATCH_POLLS ?? 2),
		ms: 0,
		expireMs: DAY_MS,
		...options,
	};

	function handle(req, res, path, body) {
		if (req.method === 'POST' && path === '/files') return (upload(req, res, body), true);
		if (req.method === 'POST' && path === '/batches') return (create(req, res, body), true);
		const match = /^\/batches\/([^/:]+)(\/results|:cancel)?$/.exec(path);
		if (!match) return false;
		const batch = batches.get(decodeURIComponent(match[1]));
		if (!batch) {
			xaiError(res, 404, 'Some requested entity was not found', `Batch ${match[1]} not found`);
			return true;
		}
		if (req.method === 'GET' && !match[2]) {
			poll(batch).then(() => json(res, 200, view(batch)));
		} else if (req.method === 'GET' && match[2] === '/results') {
			results(req, res, batch);
		} else if (req.method === 'POST' && match[2] === ':cancel') {
			cancel(batch);
			json(res, 200, view(batch));
		} else {
			return false;
		}
		return true;
	}

	function upload(req, res, raw) {
		const parts = parseMultipart(req.headers['content-type'], typeof raw === 'string' ? raw : '');
		const file = parts.find((part) => part.name === 'file' && part.filename !== undefined);
		if (!file) {
			return xaiError(
				res,
				400,
				'Client specified an invalid argument',
				'No file part in the upload',
			);
		}
		const problem = /\.jsonl$/i.test(file.filename) ? checkLines(file.content) : undefined;
		if (problem) return xaiError(res, 400, 'Client specified an invalid argument', problem);
		const id = `file_fake_${++counter}`;
		const record = {
			id,
			object: 'file',
			bytes: Buffer.byteLength(file.content),
			created_at: Math.floor(Date.now() / 1000),
			filename: file.filename,
			purpose: parts.find((part) => part.name === 'purpose')?.content ?? null,
		};
		files.set(id, { ...record, content: file.content });
		return json(res, 200, record);
	}

	function create(req, res, body) {
		const file = files.get(body?.input_file_id);
		if (!file) {
			return xaiError(
				res,
				404,
				'Some requested entity was not found',
				`File ${body?.input_file_id} not found`,
			);
		}
		const lines = file.content
			.split('\n')
			.filter((line) => line.trim())
			.map((line) => JSON.parse(line));
		const now = Date.now();
		const batch = {
			id: `batch_fake_${++counter}`,
			name: body.name ?? '',
			createdAt: now,
			expiresAt: now + settings.expireMs,
			cancelledAt: undefined,
			polls: 0,
			lines,
			order: shuffled(lines.length, counter),
			results: [],
			// Lines are answered with the key the batch was created with: [echo-key] in a line
			// quotes it in that line's error, as a careless gateway in front of xAI would.
			authorization: req.headers.authorization,
		};
		batches.set(batch.id, batch);
		return json(res, 200, view(batch));
	}

	/** A poll moves processing on: the share done follows the polls, or the time. */
	async function poll(batch) {
		batch.polls++;
		const now = Date.now();
		if (batch.cancelledAt || now >= batch.expiresAt) return;
		const share =
			settings.ms > 0
				? (now - batch.createdAt) / settings.ms
				: batch.polls / Math.max(1, settings.polls);
		const target = Math.min(batch.lines.length, Math.floor(batch.lines.length * share));
		while (batch.results.length < target && !batch.cancelledAt) {
			const line = batch.lines[batch.order[batch.results.length]];
			batch.results.push(await answer(line, batch.authorization));
		}
	}

	async function answer(line, authorization) {
		const reply = await answerInMemory({ ...line.body, stream: false }, authorization);
		if (reply.status === 200) {
			const usage = reply.payload.usage;
			if (usage) {
				usage.cost_in_usd_ticks = Math.round(fullPriceTicks(usage) * BATCH_DISCOUNT);
			}
			return {
				batch_request_id: line.custom_id,
				batch_result: { response: { chat_get_completion: reply.payload }, error: null },
			};
		}
		const message = reply.payload?.error ?? 'The request got no answer in time';
		return {
			batch_request_id: line.custom_id,
			batch_result: { error: { code: GRPC_CODE[reply.status] ?? 4, message } },
			error_message: message,
		};
	}

	/** The chat endpoint's answer to one line, caught from a response object of its own. */
	function answerInMemory(body, authorization) {
		return new Promise((resolve) => {
			let status = 0;
			const res = {
				destroyed: false,
				writeHead(code) {
					status = code;
				},
				write() {},
				end(text) {
					resolve({ status, payload: JSON.parse(text) });
				},
			};
			const req = { headers: { authorization }, socket: { destroy: () => resolve({ status: 0 }) } };
			res.req = req;
			Promise.resolve(chat(req, res, body, {})).then(
				() => setImmediate(() => resolve({ status: 0 })),
				() => resolve({ status: 0 }),
			);
		});
	}

	function cancel(batch) {
		if (batch.cancelledAt) return;
		batch.cancelledAt = Date.now();
		const done = new Set(batch.results.map((result) => result.batch_request_id));
		for (const line of batch.lines) {
			if (done.has(line.custom_id)) continue;
			batch.results.push({
				batch_request_id: line.custom_id,
				batch_result: { error: { code: 1, message: 'The request was cancelled' } },
			});
		}
	}

	function results(req, res, batch) {
		const query = new URL(req.url, 'http://x').searchParams;
		const limit = Number(query.get('limit') ?? 100);
		if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
			return xaiError(res, 400, 'Client specified an invalid argument', 'limit must be 1 to 1000');
		}
		const token = query.get('pagination_token');
		const offset = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
		if (!Number.isInteger(offset) || offset < 0) {
			return xaiError(res, 400, 'Client specified an invalid argument', 'Invalid pagination token');
		}
		const page = batch.results.slice(offset, offset + limit);
		const next = offset + limit;
		return json(res, 200, {
			results: page,
			pagination_token:
				next < batch.results.length ? Buffer.from(String(next)).toString('base64url') : null,
		});
	}

	function view(batch) {
		const failed = batch.results.filter(
			(r) => r.batch_result?.error && r.batch_result.error.code !== 1,
		);
		const cancelled = batch.results.filter((r) => r.batch_result?.error?.code === 1);
		return {
			batch_id: batch.id,
			name: batch.name,
			create_time: new Date(batch.createdAt).toISOString(),
			expire_time: new Date(batch.expiresAt).toISOString(),
			cancel_time: batch.cancelledAt ? new Date(batch.cancelledAt).toISOString() : null,
			cancel_by_xai_message: null,
			cost_breakdown: {
				total_cost_usd_ticks: batch.results.reduce(
					(sum, r) =>
						sum + (r.batch_result?.response?.chat_get_completion?.usage?.cost_in_usd_ticks ?? 0),
					0,
				),
			},
			state: {
				num_requests: batch.lines.length,
				num_pending: batch.lines.length - batch.results.length,
				num_success: batch.results.length - failed.length - cancelled.length,
				num_error: failed.length,
				num_cancelled: cancelled.length,
			},
		};
	}

	return { handle, settings, files, batches };
}

/** The first problem of a JSONL batch file, naming its line, or undefined. */
function checkLines(content) {
	const ids = new Set();
	const lines = content.split('\n');
	for (let index = 0; index < lines.length; index++) {
		const text = lines[index];
		if (!text.trim()) continue;
		const where = `line ${index + 1}`;
		let line;
		try {
			line = JSON.parse(text);
		} catch {
			return `${where} is not JSON`;
		}
		if (typeof line.custom_id !== 'string' || !line.custom_id)
			return `${where}: custom_id is missing`;
		if (ids.has(line.custom_id)) return `${where}: custom_id ${line.custom_id} is not unique`;
		ids.add(line.custom_id);
		if (line.method !== 'POST') return `${where}: method must be POST`;
		if (line.url !== '/v1/chat/completions') {
			return `${where}: url ${line.url} is not one this fake batches (/v1/chat/completions)`;
		}
		if (typeof line.body !== 'object' || line.body === null)
			return `${where}: body must be an object`;
	}
	return ids.size === 0 ? 'The file has no requests' : undefined;
}

/** multipart/form-data from the raw body text (the fake reads bodies as UTF-8). */
function parseMultipart(contentType, raw) {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
	if (!boundary) return [];
	const delimiter = `--${boundary[1] ?? boundary[2]}`;
	return raw
		.split(delimiter)
		.slice(1, -1)
		.map((chunk) => {
			const split = chunk.indexOf('\r\n\r\n');
			const head = chunk.slice(0, split);
			const content = chunk.slice(split + 4).replace(/\r\n$/, '');
			return {
				name: /name="([^"]*)"/i.exec(head)?.[1],
				filename: /filename="([^"]*)"/i.exec(head)?.[1],
				content,
			};
		});
}

/** 0..count-1 in an order fixed by `seed`, as a real batch finishes its requests out of order. */
function shuffled(count, seed) {
	const order = Array.from({ length: count }, (_, i) => i);
	let s = (seed * 2654435761) >>> 0 || 1;
	for (let i = count - 1; i > 0; i--) {
		s ^= s << 13;
		s ^= s >>> 17;
		s ^= s << 5;
		const j = (s >>> 0) % (i + 1);
		[order[i], order[j]] = [order[j], order[i]];
	}
	return order;
}

module.exports = { createBatchApi, fullPriceTicks, BATCH_DISCOUNT };
