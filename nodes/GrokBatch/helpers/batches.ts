/**
 * xAI's Batch API as this node sees it: the requests (upload the JSONL through the Files API,
 * create, get, list results page by page, cancel) and the checks of their replies. Shapes after
 * xAI's docs and vercel/ai's xai-batch.ts.
 *
 * A batch's lines are chat completions; xAI answers every text request of a batch, whatever its
 * endpoint, as a chat completion (`batch_result.response.chat_get_completion`).
 */
import { InvalidReplyError, notA } from '../../shared/errors';
import { excerpt, isObject, NOT_JSON, parseJson } from '../../shared/json';
import type { CallSettings } from '../../shared/options';
import type { XaiRequest, XaiSession } from '../../shared/session';
import type { ChatCompletionCreateParams } from '../../shared/transport';

export const BATCH_ENDPOINT = '/v1/chat/completions';
/** Results asked for per page: xAI's results listing is paginated. */
export const RESULTS_PAGE_SIZE = 100;
/** The most the pages of one batch's results may hold in all, read into memory at once. */
export const MAX_RESULTS_BYTES = 512 * 2 ** 20;

/** One input item's request in the batch: its `custom_id` names the item. */
export interface BatchLine {
	itemIndex: number;
	body: ChatCompletionCreateParams;
}

export interface XaiBatch {
	batch_id: string;
	name?: string | null;
	create_time?: string | null;
	expire_time?: string | null;
	cancel_time?: string | null;
	cancel_by_xai_message?: string | null;
	state?: {
		num_requests?: number | null;
		num_pending?: number | null;
		num_success?: number | null;
		num_error?: number | null;
		num_cancelled?: number | null;
	} | null;
	/** What the batch has cost so far (xAI SDK's BatchCostBreakdown). */
	cost_breakdown?: { total_cost_usd_ticks?: unknown } | null;
}

export interface XaiBatchResult {
	batch_request_id: string;
	batch_result?: {
		response?: { chat_get_completion?: unknown } | null;
		error?: { code?: string | number | null; message?: string | null } | null;
	} | null;
	error_message?: string | null;
}

export function customIdOf(itemIndex: number): string {
	return `item-${itemIndex}`;
}

/** The input item a `custom_id` names, or undefined when it is not one this node made. */
export function itemIndexOf(customId: string): number | undefined {
	const match = /^item-(\d+)$/.exec(customId);
	return match ? Number(match[1]) : undefined;
}

/**
 * One line per request. JSON leaves U+2028, U+2029 and NEL (U+0085) raw inside strings, but line
 * readers such as Python's splitlines() break lines there: they are written escaped.
 */
export function toJsonl(lines: BatchLine[]): string {
	return lines
		.map(({ itemIndex, body }) =>
			JSON.stringify({
				custom_id: customIdOf(itemIndex),
				method: 'POST',
				url: BATCH_ENDPOINT,
				body,
			}).replace(
				/[\u0085\u2028\u2029]/g,
				(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
			),
		)
		.join('\n');
}

/** Where a batch that may have started shows, for a Submit whose reply was lost. */
export const HOW_TO_FIND_BATCH =
	'open console.x.ai (Batch) or run Grok Batch → Get Results with the batch ID if you know it';

/** Uploads the lines as a JSONL file and starts a batch on it. */
export async function createBatch(
	session: XaiSession,
	lines: BatchLine[],
	name: string,
	settings: CallSettings,
): Promise<{ batch: XaiBatch; fileId: string }> {
	const form = new FormData();
	// xAI ignores `purpose` (it is there for OpenAI SDK compatibility); "batch" says what it is for.
	form.append('purpose', 'batch');
	form.append('file', new Blob([toJsonl(lines)], { type: 'application/jsonl' }), 'batch.jsonl');
	const fileId = await session.send(
		{ method: 'post', path: '/files', body: form, fromJson: checkFile },
		settings,
	);
	const batch = await session.send(
		{
			method: 'post',
			path: '/batches',
			body: { name, input_file_id: fileId },
			fromJson: checkBatch,
		},
		// Starting a batch is billed: it is never sent again once xAI may have accepted it.
		{ ...settings, startsJob: { howToFind: HOW_TO_FIND_BATCH } },
	);
	return { batch, fileId };
}

/** GET /batches/{id}: the batch's state. */
export function batchRequest(batchId: string): XaiRequest<XaiBatch> {
	return { method: 'get', path: batchPath(batchId), fromJson: checkBatch };
}

export async function getBatch(session: XaiSession, batchId: string, settings: CallSettings) {
	return await session.send(batchRequest(batchId), settings);
}

export async function cancelBatch(session: XaiSession, batchId: string, settings: CallSettings) {
	return await session.send(
		{ method: 'post', path: `${batchPath(batchId)}:cancel`, body: {}, fromJson: checkBatch },
		settings,
	);
}

/**
 * Every result of the batch, page after page, in the order xAI lists them, bounded by what the
 * batch can hold: no more results than its `requestCount`, no more pages than that plus one (only
 * the last page may be empty), and no more than `MAX_RESULTS_BYTES` of pages in all. A listing
 * past a bound is an error that says so, never results cut off in silence.
 */
export async function listResults(
	session: XaiSession,
	batchId: string,
	requestCount: number,
	settings: CallSettings,
): Promise<XaiBatchResult[]> {
	const results: XaiBatchResult[] = [];
	const seen = new Set<string>();
	let bytes = 0;
	let token: string | undefined;
	for (let page = 0; page <= requestCount; page++) {
		const reply = await session.send(
			{
				method: 'get',
				path: `${batchPath(batchId)}/results`,
				query: { limit: RESULTS_PAGE_SIZE, pagination_token: token },
				fromBytes: (body) => {
					bytes += body.length;
					if (bytes > MAX_RESULTS_BYTES) throw pastBound(`${MAX_RESULTS_BYTES / 2 ** 20} MiB`);
					return checkResultsPage(jsonOf(body));
				},
			},
			settings,
		);
		results.push(...reply.results);
		if (results.length > requestCount) {
			throw pastBound(`the ${requestCount} requests of the batch (it listed ${results.length})`);
		}
		token = reply.pagination_token || undefined;
		if (token === undefined) return results;
		if (seen.has(token)) throw notA('a results page with a new pagination token', reply);
		seen.add(token);
	}
	throw pastBound(`${requestCount + 1} pages for the ${requestCount} requests of the batch`);
}

/** A page's bytes as JSON: read as bytes, so that the pages' total size is known. */
function jsonOf(body: Buffer): unknown {
	const text = body.toString('utf8');
	const value = parseJson(text);
	if (value === NOT_JSON) {
		throw new InvalidReplyError('xAI answered with something that is not JSON', excerpt(text));
	}
	return value;
}

function pastBound(what: string) {
	return new InvalidReplyError(
		`xAI listed more results than ${what}; the node stopped reading them and outputs none`,
		'',
	);
}

function batchPath(batchId: string) {
	return `/batches/${encodeURIComponent(batchId)}`;
}

function checkFile(value: unknown): string {
	if (!isObject(value) || typeof value.id !== 'string' || !value.id) {
		throw notA('an uploaded file', value);
	}
	return value.id;
}

export function checkBatch(value: unknown): XaiBatch {
	if (!isObject(value) || typeof value.batch_id !== 'string' || !value.batch_id) {
		throw notA('a batch', value);
	}
	if (value.state !== undefined && value.state !== null && !isObject(value.state)) {
		throw notA('a batch', value);
	}
	return value as unknown as XaiBatch;
}

function checkResultsPage(value: unknown): {
	results: XaiBatchResult[];
	pagination_token?: string | null;
} {
	const results = isObject(value) ? value.results : undefined;
	const token = isObject(value) ? value.pagination_token : undefined;
	if (
		!Array.isArray(results) ||
		!results.every((r) => isObject(r) && typeof r.batch_request_id === 'string') ||
		!(token === undefined || token === null || typeof token === 'string')
	) {
		throw notA('a page of batch results', value);
	}
	return { results: results as XaiBatchResult[], pagination_token: token };
}
