/**
 * Grok Batch's operations, and the parameters the node shows: Operation, the Batch ID (Get Results
 * and Cancel), then each operation's own.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { batchIdProperty } from '../helpers/batchId';
import * as cancel from './cancel.operation';
import * as getResults from './getResults.operation';
import * as submit from './submit.operation';

export const operations = { submit, getResults, cancel };

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Submit',
			value: 'submit',
			action: 'Submit the items as one batch',
			description: 'Upload one chat request per input item as a single batch',
		},
		{
			name: 'Get Results',
			value: 'getResults',
			action: 'Get the results of a batch',
			description:
				"A batch's state, and once it is finished one item per request, in the submitted order",
		},
		{
			name: 'Cancel',
			value: 'cancel',
			action: 'Cancel a batch',
			description: 'Stop the requests of a batch that are still pending',
		},
	],
	default: 'submit',
};

/** The node's subtitle: the chosen operation as the Operation list names it, e.g. "Get Results". */
export const subtitle = `={{ ${JSON.stringify(
	Object.fromEntries(
		(operationProperty.options as INodePropertyOptions[]).map(({ name, value }) => [value, name]),
	),
)}[$parameter["operation"]] }}`;

export const description: INodeProperties[] = [
	operationProperty,
	batchIdProperty,
	...submit.description,
	...getResults.description,
	...cancel.description,
];
