/**
 * A finished batch's results -> output items: in the order of the submitted items, simplified as
 * Grok Chat's are; failed requests become failures with xAI's message, and requests a cancel or
 * the expiry left unanswered are reported too.
 */
import { XaiRequestError } from '../../shared/errors';
import type { ItemResult } from '../../shared/operation';
import type { CallSettings } from '../../shared/options';
import type { XaiSession } from '../../shared/session';
import { checkCompletion } from '../../GrokChat/common/chatCompletions/endpoint';
import { toOutputJson } from '../../GrokChat/common/chatCompletions/output';
import type { OutputOptions } from '../../GrokChat/common/structuredOutput';
import type { XaiBatch, XaiBatchResult } from './batches';
import { customIdOf, itemIndexOf, listResults } from './batches';
import { statusOf } from './status';

/** How the results are output: simplified or whole, with their structured output parsed. */
export interface ResultOutput extends OutputOptions {
	simplify: boolean;
}

/** gRPC status codes (xAI's batch errors) -> the HTTP status that carries the same advice. */
const HTTP_STATUS_OF_CODE: Record<number, number> = {
	3: 400,
	5: 404,
	7: 403,
	8: 429,
	9: 400,
	13: 500,
	14: 503,
	16: 401,
};
const CANCELLED_CODE = 1;

/**
 * A finished batch's results, one per request, in the order of the submitted items. A result
 * listed twice is output once; requests left without a result are reported as a failure, whether
 * a cancel or the expiry left them unanswered or xAI lists fewer results than a completed batch has
 * requests.
 */
export async function finishedResults(
	session: XaiSession,
	batch: XaiBatch,
	settings: CallSettings,
	output: ResultOutput,
): Promise<ItemResult[]> {
	const batchId = batch.batch_id;
	const requestCount = countOf(batch.state?.num_requests);
	const listed = uniqueResults(await listResults(session, batchId, requestCount, settings));
	const ordered = listed.results
		.map((result) => ({ result, itemIndex: itemIndexOf(result.batch_request_id) }))
		.sort((a, b) => (a.itemIndex ?? Infinity) - (b.itemIndex ?? Infinity));
	const entries: ItemResult[] = ordered.map(({ result, itemIndex }) =>
		resultEntry(batchId, result, itemIndex, output),
	);

	const missing = requestCount - listed.results.length;
	if (missing > 0) {
		const status = statusOf(batch);
		const twice = listed.duplicates ? `; ${listed.duplicates} listed twice were output once` : '';
		const message =
			status === 'completed'
				? `xAI lists no result for ${missing} of its ${requestCount} requests although the batch is completed${namesOf(ordered, requestCount)}${twice}`
				: `The batch ${status === 'expired' ? 'expired' : 'was cancelled'} before ${missing} of its ${requestCount} requests were processed: they have no result${twice}`;
		entries.push({
			failure: new XaiRequestError('http', message),
			details: { batchId, unprocessed: missing },
		});
	}
	return entries;
}

function countOf(value: unknown): number {
	return Number.isInteger(value) && (value as number) > 0 ? (value as number) : 0;
}

/** The results with each `batch_request_id` once (the first listed), and how many repeats. */
function uniqueResults(results: XaiBatchResult[]) {
	const seen = new Set<string>();
	const unique = results.filter(({ batch_request_id: id }) => !seen.has(id) && !!seen.add(id));
	return { results: unique, duplicates: results.length - unique.length };
}

/**
 * The `custom_id`s without a result, when they can be told: Submit numbers its requests item-0 to
 * item-(n-1) unless it left out bad items, so the names are given only when every listed one is
 * in that range (and said to assume it).
 */
function namesOf(listed: Array<{ itemIndex?: number }>, requestCount: number): string {
	const indexes = new Set(listed.map(({ itemIndex }) => itemIndex));
	if ([...indexes].some((index) => index === undefined || index >= requestCount)) return '';
	const absent = Array.from({ length: requestCount }, (_, index) => index)
		.filter((index) => !indexes.has(index))
		.slice(0, 20)
		.map(customIdOf);
	return ` (if Submit left out no item, these: ${absent.join(', ')}${requestCount - indexes.size > 20 ? ', …' : ''})`;
}

function resultEntry(
	batchId: string,
	result: XaiBatchResult,
	itemIndex: number | undefined,
	output: ResultOutput,
): ItemResult {
	const customId = result.batch_request_id;
	const where = { batchId, customId, ...(itemIndex !== undefined && { itemIndex }) };
	const failure = result.batch_result?.error;
	const code = failure?.code;
	// xAI's messages are text; anything else is shown as its JSON, never "[object Object]".
	const message = textOf(result.error_message) || textOf(failure?.message);
	const failed =
		!!result.error_message || (code !== undefined && code !== null && String(code) !== '0');
	try {
		if (failed || (message && !result.batch_result?.response)) {
			const numeric = Number(code);
			throw new XaiRequestError(
				'http',
				numeric === CANCELLED_CODE
					? `The request was cancelled with the batch${message ? `: ${message}` : ''}`
					: message || `xAI reports the request failed (code ${String(code)})`,
				HTTP_STATUS_OF_CODE[numeric],
			);
		}
		const completion = checkCompletion(result.batch_result?.response?.chat_get_completion);
		return { json: { ...where, ...toOutputJson(completion, output.simplify, output) } };
	} catch (error) {
		// `itemIndex` names the submitted item the failed request was made for.
		return { failure: error, itemIndex, details: where };
	}
}

function textOf(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return typeof value === 'string' ? value : JSON.stringify(value);
}
