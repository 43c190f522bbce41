/**
 * Runs Grok Chat inside n8n-core's real execution engine (WorkflowExecute): an "Items" node feeds
 * the test's input items to a Grok Chat node configured as in the editor, with a credential
 * pointed at the fake xAI server. Returns what n8n recorded for the node: both outputs, the error.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	ITaskData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createDeferredPromise,
	createRunExecutionData,
	NodeConnectionTypes,
	Workflow,
} from 'n8n-workflow';

import { GrokChat } from '../../nodes/GrokChat/GrokChat.node';

export const GROK_TYPE = 'n8n-nodes-xai-grok.grokChat';
const ITEMS_TYPE = 'test.items';

/** Emits the test's input items, as a trigger or a previous node would. */
class ItemsNode implements INodeType {
	// n8n calls execute() with its own context as `this`: the items come from the closure.
	execute: () => Promise<INodeExecutionData[][]>;

	constructor(items: INodeExecutionData[]) {
		this.execute = async () => [items];
	}

	description = {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Test input',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as unknown as INodeType['description'];
}

const grokChat = new GrokChat();

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export interface RunOptions {
	/** The Grok Chat node's parameters, as the editor saves them. */
	parameters: IDataObject;
	items?: INodeExecutionData[];
	/** The decrypted credential, or the error n8n throws when it cannot give one. */
	credentials?: ICredentialDataDecryptedObject | Error;
	onError?: OnError;
	/** The node's typeVersion; 1 unless said. */
	version?: number;
	mode?: WorkflowExecuteMode;
	/** Called with the running execution, e.g. to cancel it. */
	onStart?: (execution: { cancel(): void }) => void;
	/** Makes the run a streaming one (as under a Chat Trigger) and receives every chunk sent. */
	onChunk?: (chunk: { type: string; content?: string; metadata: { itemIndex: number } }) => void;
	/** Runs another node of the package instead of Grok Chat: its type and the node as saved. */
	node?: { type: INodeType; node: INode };
}

export interface NodeRun {
	/** Items on the main output, and on the error output when "Continue (using error output)". */
	success: INodeExecutionData[];
	errors: INodeExecutionData[];
	/** The error n8n recorded for the node when it failed. */
	error?: ITaskData['error'];
	executionStatus?: ITaskData['executionStatus'];
	run: IRun;
}

export async function runGrokChat(options: RunOptions): Promise<NodeRun> {
	const items = options.items ?? [{ json: {} }];
	const itemsNode: INode = {
		id: 'items',
		name: 'Items',
		type: ITEMS_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const itemsType = new ItemsNode(items);
	const nodeTypes = {
		getByName: (type: string) => (type === testedNode.type ? testedType : itemsType),
		getByNameAndVersion: (type: string) => (type === testedNode.type ? testedType : itemsType),
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const testedType = options.node?.type ?? grokChat;
	const testedNode: INode = {
		...(options.node?.node ?? grokChatNode(options.parameters, options.version)),
		position: [200, 0],
		...(options.onError && { onError: options.onError }),
	};
	const workflow = new Workflow({
		id: 'test',
		nodes: [itemsNode, testedNode],
		connections: {
			Items: { main: [[{ node: testedNode.name, type: NodeConnectionTypes.Main, index: 0 }]] },
		},
		nodeTypes,
		active: false,
	});

	const hooks = new ExecutionLifecycleHooks('manual', '1', {} as never);
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));
	if (options.onChunk) hooks.addHandler('sendChunk', options.onChunk as never);
	const credentials = options.credentials ?? {};
	const additionalData = {
		hooks,
		credentialsHelper: {
			getDecrypted: async () => {
				if (credentials instanceof Error) throw credentials;
				return credentials;
			},
			getParentTypes: () => [],
			authenticate: async (_c: unknown, _t: unknown, request: unknown) => request,
			preAuthentication: async () => undefined,
		},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'user',
		variables: {},
		logAiEvent: () => undefined,
		streamingEnabled: options.onChunk !== undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: itemsNode, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const execute = new WorkflowExecute(additionalData, options.mode ?? 'manual', runData);
	const execution = execute.processRunExecutionData(workflow);
	options.onStart?.(execution);
	await execution.catch(() => undefined);
	const run = await done.promise;

	const task = run.data.resultData.runData[testedNode.name]?.[0];
	const outputs = task?.data?.main ?? [];
	return {
		success: outputs[0] ?? [],
		errors: options.onError === 'continueErrorOutput' ? (outputs[1] ?? []) : [],
		error: task?.error,
		executionStatus: task?.executionStatus,
		run,
	};
}

/** A Grok Chat node as a saved workflow holds it. */
export function grokChatNode(parameters: IDataObject, version = 1): INode {
	return {
		id: 'grok',
		name: 'Grok Chat',
		type: GROK_TYPE,
		typeVersion: version,
		position: [0, 0],
		parameters: parameters as INodeParameters,
		credentials: { xAiGrokApi: { id: '1', name: 'xAI Grok account' } },
	};
}

/** The parameters of a Grok Chat node that sends one user message. */
export function chatParameters(text: string, extra: IDataObject = {}): IDataObject {
	return {
		model: { __rl: true, mode: 'id', value: 'grok-3' },
		messagesSource: 'define',
		messages: { values: [{ role: 'user', content: text }] },
		...extra,
	};
}
