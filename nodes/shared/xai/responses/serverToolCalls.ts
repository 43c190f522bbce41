/** The tools xAI ran on its side while it answered (searches, code runs), from a response. */
import type { IDataObject } from 'n8n-workflow';

import { isObject, NOT_JSON, parseJson } from '../../json';
import type { XaiResponse } from './types';

const SERVER_TOOLS: Record<string, string> = {
	web_search_call: 'web_search',
	x_search_call: 'x_search',
	code_interpreter_call: 'code_interpreter',
	file_search_call: 'file_search',
	mcp_call: 'mcp',
};

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
		const name = typeof item.name === 'string' ? item.name : undefined;
		let type = SERVER_TOOLS[item.type];
		// X search comes as a custom tool call named x_keyword_search, x_semantic_search, ...
		if (item.type === 'custom_tool_call' && name && /^(x_|view_x_)/.test(name)) type = 'x_search';
		if (!type) continue;
		const call: IDataObject = { type };
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
