export interface MediaRequest {
	method: string;
	path: string;
	headers: Record<string, string | undefined>;
}

/** Requests the media host (the fake's second origin, serving generated files) got. */
export function mediaRequests(): MediaRequest[];
export function reset(): void;
/** A small valid PNG that says `text` in a tEXt chunk, with `filler` random bytes. */
export function makePng(text: string, filler?: number): Buffer;
export const IMAGE_MODELS: Array<{ id: string; aliases: string[] }>;
export const VIDEO_MODELS: Array<{ id: string; aliases: string[] }>;
