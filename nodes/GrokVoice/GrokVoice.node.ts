import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeMethods, searchVoices } from '../shared/methods';
import { chosenOperation, type ItemOperation, runOperation } from '../shared/operation';
import * as textToSpeech from './actions/textToSpeech.operation';
import * as transcribe from './actions/transcribe.operation';

const operations = { textToSpeech, transcribe } satisfies Record<string, ItemOperation>;

/**
 * Speech from text and text from speech, one request per input item. As an AI Agent tool it
 * transcribes (an audio URL the agent gives); speaking refuses to run there.
 */
export class GrokVoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Grok Voice',
		name: 'grokVoice',
		icon: { light: 'file:../../icons/grok.svg', dark: 'file:../../icons/grok.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "transcribe" ? "Transcribe" : "Text to Speech" }}',
		description: "Turn text into speech and speech into text with xAI's Grok voice models",
		defaults: { name: 'Grok Voice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'xAiGrokApi', required: true, testedBy: 'xAiGrokApiTest' }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'textToSpeech',
				options: [
					{
						name: 'Text to Speech',
						value: 'textToSpeech',
						action: 'Turn text into speech',
						description: 'Speak a text and output the audio as a binary file',
					},
					{
						name: 'Transcribe',
						value: 'transcribe',
						action: 'Transcribe audio into text',
						description: 'Turn the speech in an audio file into text',
					},
				],
			},
			...textToSpeech.description,
			...transcribe.description,
		],
	};

	methods = nodeMethods({ searchVoices });

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, chosenOperation(this, operations), {
			continueOnFail: this.continueOnFail(),
		});
	}
}
