/** A response -> version 2's output JSON. Pure: no I/O. */
import type { IDataObject } from 'n8n-workflow';

import { costUsdOf } from '../../shared/cost';
import { citationsOf } from '../../shared/xai/responses/citations';
import { finishReason, outputText, reasoningText } from '../../shared/xai/responses/reply';
import { serverToolCallsOf } from '../../shared/xai/responses/serverToolCalls';
import type { XaiResponse } from '../../shared/xai/responses/types';
import type { OutputOptions } from '../common/structuredOutput';
import { parseContent } from '../common/structuredOutput';

export function toOutputJson(
	response: XaiResponse,
	simplify: boolean,
	options: OutputOptions,
): IDataObject {
	if (!simplify) return response;

	const output: IDataObject = {
		content: parseContent(outputText(response), options) as IDataObject,
	};
	const reasoning = reasoningText(response);
	if (reasoning && options.includeReasoning !== false) output.reasoningContent = reasoning;
	// A reply without a status (xAI always sends one) has no finish reason to tell.
	if (typeof response.status === 'string') output.finishReason = finishReason(response);
	output.model = response.model;
	if (response.usage) output.usage = response.usage;
	const costUsd = costUsdOf(response.usage);
	if (costUsd !== undefined) output.costUsd = costUsd;
	output.id = response.id;
	output.responseId = response.id;
	output.citations = citationsOf(response);
	output.serverToolCalls = serverToolCallsOf(response);
	return output;
}
