/** One item's request, and in a streaming execution its text forwarded to the client. */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { CallSettings } from './options';
import type { XaiEndpoint, XaiSession } from './session';

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
	try {
		const output = toOutput(
			await session.complete(endpoint, { ...call, onText: forward ? onText : undefined }),
		);
		if (begun) ctx.sendChunk('end', itemIndex);
		return output;
	} catch (error) {
		if (begun) ctx.sendChunk('error', itemIndex, session.redact((error as Error).message ?? ''));
		throw error;
	}
}
