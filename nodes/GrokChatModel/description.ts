/**
 * Grok Chat Model's parameters. Model, Built-in Tools and the request options are those of Grok
 * Chat version 2 (GrokChat/common, shared/xai/responses), so both nodes name, check and send them alike.
 */
import type { INodeProperties } from 'n8n-workflow';

import { maxRetriesOption, optionsCollection, timeoutOption } from '../shared/properties';
import { builtInToolsProperty } from '../shared/xai/responses/builtInToolsProperty';
import { emptyModelProperty } from '../GrokChat/common/descriptions';
import {
	commonOptions,
	responsesReasoningEffortOption,
	serviceTierOption,
} from '../GrokChat/common/optionDescriptions';

export const modelProperties: INodeProperties[] = [
	{
		displayName:
			"Runs on n8n 2.16 or newer (n8n's AI node SDK), as the model of an AI Agent or chain. The agent's tools become Grok's function tools; Built-in Tools run on xAI's side.",
		name: 'notice',
		type: 'notice',
		default: '',
	},
	emptyModelProperty,
	builtInToolsProperty,
	{
		...optionsCollection,
		description: 'Only the options added here are sent to xAI; the others are left to the model',
		options: [
			{
				displayName: 'Append Sources',
				name: 'appendSources',
				type: 'boolean',
				default: true,
				description:
					'Whether to add the sources xAI cited (when web or X search ran) to the end of the answer, as a numbered list of links',
			},
			maxRetriesOption,
			commonOptions.maxTokens,
			responsesReasoningEffortOption,
			commonOptions.temperature,
			serviceTierOption,
			timeoutOption(
				'Milliseconds one request to xAI may take before it fails; the agent makes one request per step',
			),
			commonOptions.topP,
		],
	},
];
