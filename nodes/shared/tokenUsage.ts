/**
 * n8n's own token accounting, where the host has it: n8n-workflow's `accumulateTokenUsage` (n8n
 * 2.x) adds a node run's tokens to its metadata, which n8n's insights and evaluations read. Older
 * hosts (n8n 1.x) lack it, and the node then reports nothing: it is looked up, not imported.
 */
import * as workflow from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

type Accumulate = (ctx: IExecuteFunctions, inputTokens: number, outputTokens: number) => void;

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * Reports a reply's `usage` (chat completions' prompt/completion tokens, or the Responses API's
 * input/output tokens) to the host's token accounting, if the host keeps one.
 */
export function reportTokenUsage(ctx: IExecuteFunctions, usage: unknown) {
	const accumulate = (workflow as unknown as { accumulateTokenUsage?: Accumulate })
		.accumulateTokenUsage;
	if (typeof accumulate !== 'function' || typeof usage !== 'object' || usage === null) return;
	const tokens = usage as Record<string, unknown>;
	const input = count(tokens.prompt_tokens ?? tokens.input_tokens);
	const output = count(tokens.completion_tokens ?? tokens.output_tokens);
	if (input || output) accumulate(ctx, input, output);
}
