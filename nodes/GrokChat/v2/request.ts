/**
 * One item's parameters -> a validated xAI Responses request (POST /responses). Pure: no I/O, so
 * every bad input, built-in tools included, is found before anything is sent, and each error
 * names the field.
 */
import type { BinaryImage } from '../../shared/images';
import type { BuiltInToolsParameters } from '../../shared/xai/responses/builtInTools';
import { builtInTools } from '../../shared/xai/responses/builtInTools';
import type { ResponsesRequest } from '../../shared/xai/responses/types';
import type { MessageSource } from '../common/messageSource';
import { modelOf, sourceMessages } from '../common/messageSource';
import { definedInput, inputFromJson } from './input';
import type { ResponsesOptions } from '../common/responsesOptions';
import { optionsToBody } from '../common/responsesOptions';

export interface ResponsesParameters extends MessageSource {
	builtInTools?: BuiltInToolsParameters;
	options: ResponsesOptions;
}

export function buildResponsesRequest(
	parameters: ResponsesParameters,
	binaryImages: ReadonlyMap<string, BinaryImage> = new Map(),
): ResponsesRequest {
	const model = modelOf(parameters);

	const input = sourceMessages(parameters, inputFromJson, (message, where) =>
		definedInput(message, where, binaryImages),
	);

	const tools = builtInTools(parameters.builtInTools);
	return {
		model,
		input,
		...(tools.length > 0 && { tools }),
		...optionsToBody(parameters.options),
	};
}
