/**
 * xAI's Responses API (POST /responses): the request as far as this package sends it, the reply
 * as far as it reads it.
 */
import type { IDataObject } from 'n8n-workflow';

export type InputContentPart =
	| { type: 'input_text'; text: string }
	| { type: 'output_text'; text: string }
	| { type: 'input_image'; image_url: string; detail?: 'auto' | 'low' | 'high' };

export interface InputMessage {
	role: 'system' | 'developer' | 'user' | 'assistant';
	content: string | InputContentPart[];
	/** The participant's name: xAI takes it on user messages only. */
	name?: string;
}

export interface WebSearchTool {
	type: 'web_search';
	allowed_domains?: string[];
	excluded_domains?: string[];
	enable_image_understanding?: boolean;
}

export interface XSearchTool {
	type: 'x_search';
	allowed_x_handles?: string[];
	excluded_x_handles?: string[];
	from_date?: string;
	to_date?: string;
	enable_image_understanding?: boolean;
	enable_video_understanding?: boolean;
}

export type ResponsesTool = WebSearchTool | XSearchTool | { type: 'code_interpreter' };

export type TextFormat =
	| { type: 'text' }
	| { type: 'json_object' }
	| { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict: boolean };

export interface ResponsesRequest {
	model: string;
	input: InputMessage[];
	tools?: ResponsesTool[];
	max_output_tokens?: number;
	temperature?: number;
	top_p?: number;
	reasoning?: { effort: string };
	text?: { format: TextFormat };
	user?: string;
	service_tier?: string;
	prompt_cache_key?: string;
	previous_response_id?: string;
	store: boolean;
}

/** A response as xAI returns it; only the fields read here are typed. */
export interface XaiResponse extends IDataObject {
	id: string;
	object: string;
	model: string;
	/** completed, incomplete or failed; anything else is refused by checkResponse. */
	status?: string | null;
	output: IDataObject[];
	incomplete_details?: { reason?: string } | null;
	usage?: IDataObject | null;
	error?: { code?: unknown; message?: unknown } | null;
}

export interface Citation extends IDataObject {
	url: string;
	title?: string;
}
