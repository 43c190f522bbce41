/** One item's request, and in a streaming execution its text forwarded to the client. */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { CallSettings } from './options';
import type { XaiEndpoint, XaiSession } from './session';
import { reportTokenUsage } from './tokenUsage';

/**
 * Sends `endpoint` for item `itemIndex` and shapes the reply into its output. In a streaming
 * execution (Chat Trigger, Webhook with streaming response) each piece of text also goes to the
 * client as it arrives, framed by n8n's `begin` and `end`, or `error` when the reply is not
 * finished after all. Hosts without that API get the output item only.
 */
export async function completeItem<Reply, Output>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
	endpoint: XaiEndpoint<Reply>,
	call: CallSettings & { stream: boolean },
	toOutput: (reply: Reply) => Output,
): Promise<Output> {
	const forward = call.stream && ctx.isStreaming?.() === true;
	let begun = false;
	const onText = async (text: string) => {
		if (!begun) ctx.sendChunk('begin', itemIndex);
		begun = true;
		ctx.sendChunk('item', itemIndex, text);
	};
	// A client that had the start of a reply learns how it ended: `end`, or `error` with why.
	const close = (type: 'end' | 'error', message?: string) =>
		begun && ctx.sendChunk(type, itemIndex, message);
	return await session
		.complete(endpoint, { ...call, onText: forward ? onText : undefined })
		.then(toOutput)
		.then(
			(output) => {
				close('end');
				reportTokenUsage(ctx, (output as { usage?: unknown }).usage);
				return output;
			},
			(error: unknown) => {
				close('error', session.redact((error as Error).message ?? ''));
				return Promise.reject(error);
			},
		);
}
