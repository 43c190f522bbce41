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
import { itemIndexOf, listResults } from './batches';
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

/** A finished batch's results, one per request, in the order of the submitted items. */
export async function finishedResults(
	session: XaiSession,
	batch: XaiBatch,
	settings: CallSettings,
	output: ResultOutput,
): Promise<ItemResult[]> {
	const batchId = batch.batch_id;
	const listed = await listResults(session, batchId, settings);
	const ordered = listed
		.map((result) => ({ result, itemIndex: itemIndexOf(result.batch_request_id) }))
		.sort((a, b) => (a.itemIndex ?? Infinity) - (b.itemIndex ?? Infinity));
	const entries: ItemResult[] = ordered.map(({ result, itemIndex }) =>
		resultEntry(batchId, result, itemIndex, output),
	);

	const missing = Number(batch.state?.num_requests ?? 0) - listed.length;
	const status = statusOf(batch);
	if (missing > 0 && status !== 'completed') {
		entries.push({
			failure: new XaiRequestError(
				'http',
				`The batch ${status === 'expired' ? 'expired' : 'was cancelled'} before ${missing} of its ${batch.state?.num_requests} requests were processed: they have no result`,
			),
			details: { batchId, unprocessed: missing },
		});
	}
	return entries;
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
	const message = result.error_message || failure?.message;
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
