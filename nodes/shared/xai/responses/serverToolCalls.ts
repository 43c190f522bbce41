/** The tools xAI ran on its side while it answered (searches, code runs), from a response. */
import type { IDataObject } from 'n8n-workflow';

import { isObject, NOT_JSON, parseJson } from '../../json';
import type { XaiResponse } from './types';

/**
 * Output item types -> the built-in tool that made the call, and the name xAI gives the call when
 * the item has none. Any other `*_call` but `function_call` (the user's own tools) is a server-side
 * call too, named by its type: view_image, image_generation and whatever xAI adds next.
 */
const SERVER_TOOLS: Record<string, { type: string; name?: string }> = {
	web_search_call: { type: 'web_search' },
	x_search_call: { type: 'x_search' },
	code_interpreter_call: { type: 'code_interpreter' },
	code_execution_call: { type: 'code_interpreter', name: 'code_execution' },
	view_x_video_call: { type: 'x_search', name: 'view_x_video' },
	file_search_call: { type: 'file_search' },
	mcp_call: { type: 'mcp' },
};

/** Calls that are not xAI's to run: the user's functions, and custom tools (but X search's). */
const CLIENT_CALLS = new Set(['function_call', 'custom_tool_call']);

function toolOf(
	itemType: string,
	name: string | undefined,
): { type: string; name?: string } | undefined {
	const known = SERVER_TOOLS[itemType];
	if (known) return known;
	// X search comes as a custom tool call named x_keyword_search, x_semantic_search, ...
	if (itemType === 'custom_tool_call') {
		return name && /^(x_|view_x_)/.test(name) ? { type: 'x_search' } : undefined;
	}
	if (CLIENT_CALLS.has(itemType) || !/^[a-z][a-z0-9_]*_call$/.test(itemType)) return undefined;
	return { type: itemType.slice(0, -'_call'.length) };
}

function parsedJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const parsed = parseJson(value);
	return parsed === NOT_JSON ? value : parsed;
}

/** The tools xAI ran on its side, in order, each with what it was asked. */
export function serverToolCallsOf(response: XaiResponse): IDataObject[] {
	const calls: IDataObject[] = [];
	for (const item of response.output) {
		if (!isObject(item) || typeof item.type !== 'string') continue;
		const tool = toolOf(item.type, typeof item.name === 'string' ? item.name : undefined);
		if (!tool) continue;
		const name = typeof item.name === 'string' && item.name ? item.name : tool.name;
		// Only what tells the call: an image generation's `result` (base64) stays in the response.
		const call: IDataObject = { type: tool.type };
		if (name) call.name = name;
		const rawArguments = item.arguments ?? item.input;
		const args = parsedJson(rawArguments);
		const action = isObject(item.action) ? item.action : undefined;
		const query =
			(typeof action?.query === 'string' && action.query) ||
			(isObject(args) && typeof args.query === 'string' && args.query) ||
			(Array.isArray(item.queries) && item.queries.filter((q) => typeof q === 'string').join('; '));
		if (query) call.query = query;
		if (rawArguments !== undefined && rawArguments !== '') call.arguments = args as IDataObject;
		else if (typeof item.code === 'string') call.arguments = { code: item.code };
		if (item.status !== undefined) call.status = item.status as string;
		calls.push(call);
	}
	return calls;
}
