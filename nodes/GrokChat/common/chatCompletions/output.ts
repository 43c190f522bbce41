/** A chat completion -> the node's output JSON (Grok Chat version 1, Grok Batch's results). */
import type { IDataObject } from 'n8n-workflow';

import { costUsdOf } from '../../../shared/cost';
import type { OutputOptions } from '../structuredOutput';
import { parseContent } from '../structuredOutput';
import type { XaiCompletion } from './endpoint';

export function toOutputJson(
	completion: XaiCompletion,
	simplify: boolean,
	options: OutputOptions,
): IDataObject {
	if (!simplify) return completion;

	const choice = completion.choices[0];
	const text = choice?.message.content ?? '';
	const output: IDataObject = {
		content: parseContent(text, options) as IDataObject,
	};
	const reasoning = choice?.message.reasoning_content;
	if (reasoning && options.includeReasoning !== false) output.reasoningContent = reasoning;
	output.finishReason = choice?.finish_reason ?? null;
	output.model = completion.model;
	if (completion.usage) output.usage = completion.usage;
	const costUsd = costUsdOf(completion.usage);
	if (costUsd !== undefined) output.costUsd = costUsd;
	output.id = completion.id;
	return output;
}
