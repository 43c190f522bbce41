/**
 * The model n8n asks Grok Chat Model for: the parameters checked once, one session for the
 * execution (closed with it), and the model handed to the agent through n8n's AI node SDK.
 * Loaded only on n8n 2.x (see sdk.ts): its imports need the SDK.
 */
import { supplyModel } from '@n8n/ai-node-sdk';
import type { IDataObject, ISupplyDataFunctions, SupplyData } from 'n8n-workflow';

import { toNodeError } from '../shared/errors';
import { DEFAULT_CONCURRENCY } from '../shared/options';
import { redactor, secretsOf } from '../shared/redact';
import { XaiSession } from '../shared/session';
import type { XaiCredentials } from '../shared/transport';
import { GrokChatModel } from './model';
import type { ModelOptions, ModelSettings } from './request';
import { modelSettings } from './request';
import type { BuiltInToolsParameters } from '../shared/xai/responses/builtInTools';

export async function supplyGrokModel(
	ctx: ISupplyDataFunctions,
	itemIndex: number,
): Promise<SupplyData> {
	const credentials = await ctx.getCredentials<XaiCredentials & IDataObject>('xAiGrokApi');
	let settings: ModelSettings;
	let session: XaiSession;
	try {
		settings = modelSettings({
			model: ctx.getNodeParameter('model', itemIndex, '', { extractValue: true }),
			builtInTools: ctx.getNodeParameter('builtInTools', itemIndex, {}) as BuiltInToolsParameters,
			options: ctx.getNodeParameter('options', itemIndex, {}) as ModelOptions,
		});
		session = new XaiSession(credentials, {
			concurrency: DEFAULT_CONCURRENCY,
			signal: ctx.getExecutionCancelSignal?.(),
		});
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, itemIndex, redactor(secretsOf(credentials)));
	}
	const supplied = supplyModel(
		ctx as unknown as Parameters<typeof supplyModel>[0],
		new GrokChatModel(session, settings, ctx.getNode()),
	) as SupplyData;
	withoutOuterRetries(supplied.response);
	return { ...supplied, closeFunction: async () => session.close() };
}

/**
 * The SDK wraps the model in a LangChain model whose caller retries a failed call up to 6 times;
 * the session has already retried as Max Retries says (waiting as xAI asked on 429), so that
 * outer layer would multiply the requests. It is told not to retry.
 */
function withoutOuterRetries(model: unknown) {
	const caller = (model as { caller?: { maxRetries?: number } } | undefined)?.caller;
	if (caller && typeof caller.maxRetries === 'number') caller.maxRetries = 0;
}
