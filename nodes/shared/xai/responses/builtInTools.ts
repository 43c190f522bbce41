/**
 * The Built-in Tools parameter -> xAI's server-side tools of a Responses request (web search, X
 * search, code execution), checked: each error names the tool and its field.
 */
import { InvalidParameterError } from '../../errors';
import { isObject } from '../../json';
import { booleanOf, optionalBoolean } from '../../options';
import type { ResponsesTool, WebSearchTool, XSearchTool } from './types';
import { dateOf, domainOf, exclusiveLists, handleOf } from './toolChecks';

export const MAX_DOMAINS = 5;
export const MAX_X_HANDLES = 10;

export interface WebSearchParameters {
	allowedDomains?: unknown;
	excludedDomains?: unknown;
	enableImageUnderstanding?: unknown;
}

export interface XSearchParameters {
	allowedHandles?: unknown;
	excludedHandles?: unknown;
	fromDate?: unknown;
	toDate?: unknown;
	enableImageUnderstanding?: unknown;
	enableVideoUnderstanding?: unknown;
}

/** The Built-in Tools collection: an entry that is present turns its tool on. */
export interface BuiltInToolsParameters {
	webSearch?: WebSearchParameters;
	xSearch?: XSearchParameters;
	codeExecution?: unknown;
}

const TOOLS = 'Built-in Tools';

/** Each entry of Built-in Tools -> one xAI tool; an empty entry is the tool with xAI's defaults. */
export function builtInTools(value: BuiltInToolsParameters | undefined): ResponsesTool[] {
	if (value === undefined || value === null) return [];
	if (!isObject(value)) throw new InvalidParameterError(TOOLS, 'must be an object of tools');
	const { webSearch, xSearch, codeExecution } = value as BuiltInToolsParameters;
	const tools: ResponsesTool[] = [];
	if (webSearch !== undefined) tools.push(webSearchTool(webSearch));
	if (xSearch !== undefined) tools.push(xSearchTool(xSearch));
	if (codeExecution !== undefined) {
		if (booleanOf(codeExecution, `${TOOLS} › Code Execution`)) {
			tools.push({ type: 'code_interpreter' });
		}
	}
	return tools;
}

function toolFields<T>(value: T, where: string): T {
	if (value === null || value === undefined) return {} as T;
	if (!isObject(value)) throw new InvalidParameterError(where, 'must be an object of settings');
	return value;
}

/** Enable Image (and Video) Understanding, each sent only when the user set it. */
function understandingFields(
	where: string,
	images: unknown,
	videos?: unknown,
): Pick<XSearchTool, 'enable_image_understanding' | 'enable_video_understanding'> {
	const fields: Pick<XSearchTool, 'enable_image_understanding' | 'enable_video_understanding'> = {};
	const image = optionalBoolean(images, `${where} › Enable Image Understanding`);
	if (image !== undefined) fields.enable_image_understanding = image;
	const video = optionalBoolean(videos, `${where} › Enable Video Understanding`);
	if (video !== undefined) fields.enable_video_understanding = video;
	return fields;
}

function webSearchTool(value: WebSearchParameters): WebSearchTool {
	const where = `${TOOLS} › Web Search`;
	const fields = toolFields(value, where);
	const [allowed, excluded] = exclusiveLists(
		where,
		['Allowed Domains', 'Excluded Domains'],
		[fields.allowedDomains, fields.excludedDomains],
		MAX_DOMAINS,
		'domains',
		domainOf,
	);
	return {
		type: 'web_search',
		...(allowed.length > 0 && { allowed_domains: allowed }),
		...(excluded.length > 0 && { excluded_domains: excluded }),
		...understandingFields(where, fields.enableImageUnderstanding),
	};
}

function xSearchTool(value: XSearchParameters): XSearchTool {
	const where = `${TOOLS} › X Search`;
	const fields = toolFields(value, where);
	const [allowed, excluded] = exclusiveLists(
		where,
		['Allowed Handles', 'Excluded Handles'],
		[fields.allowedHandles, fields.excludedHandles],
		MAX_X_HANDLES,
		'handles',
		handleOf,
	);
	const tool: XSearchTool = {
		type: 'x_search',
		...(allowed.length > 0 && { allowed_x_handles: allowed }),
		...(excluded.length > 0 && { excluded_x_handles: excluded }),
	};
	const from = dateOf(fields.fromDate, `${where} › From Date`);
	const to = dateOf(fields.toDate, `${where} › To Date`);
	if (from && to && from > to) {
		throw new InvalidParameterError(`${where} › From Date`, `${from} is after the To Date ${to}`);
	}
	if (from) tool.from_date = from;
	if (to) tool.to_date = to;
	return {
		...tool,
		...understandingFields(where, fields.enableImageUnderstanding, fields.enableVideoUnderstanding),
	};
}
