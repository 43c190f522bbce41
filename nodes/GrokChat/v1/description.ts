import type { INodeProperties } from 'n8n-workflow';

import { chatCompletionsOptions, requestProperties } from '../common/chatCompletions/descriptions';
import { optionsProperty, simplifyProperty } from '../common/descriptions';

/** Version 1: chat completions. Its parameters' names are a contract that saved workflows rely on. */
export const description: INodeProperties[] = [
	...requestProperties,
	simplifyProperty,
	{ ...optionsProperty, options: chatCompletionsOptions },
];
