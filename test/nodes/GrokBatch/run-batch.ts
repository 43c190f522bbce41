/** Grok Batch in n8n-core's engine against a test server, shared by the Batch tests. */
import type { ServerResponse } from 'node:http';

import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { GrokBatch } from '../../../nodes/GrokBatch/GrokBatch.node';
import { runGrokChat, type NodeRun } from '../../helpers/run-node';

const grokBatch = new GrokBatch();

/** A Grok Batch node as a saved workflow holds it. */
export function batchNode(parameters: IDataObject): INode {
	return {
		id: 'batch',
		name: 'Grok Batch',
		type: 'n8n-nodes-xai-grok.grokBatch',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { xAiGrokApi: { id: '1', name: 'xAI Grok account' } },
	};
}

/** Runs a Grok Batch node with `parameters` on `items`, failures to the error output. */
export async function runBatch(
	parameters: IDataObject,
	credentials: { apiKey: string; baseUrl: string },
	items: INodeExecutionData[] = [{ json: {} }],
): Promise<NodeRun> {
	return await runGrokChat({
		parameters,
		items,
		onError: 'continueErrorOutput',
		node: { type: grokBatch, node: batchNode(parameters) },
		credentials,
	});
}

export function sendJson(res: ServerResponse, body: unknown, status = 200) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}
