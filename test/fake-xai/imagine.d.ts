export interface MediaRequest {
	method: string;
	path: string;
	headers: Record<string, string | undefined>;
}

/** Requests the media host (the fake's second origin, serving generated files) got. */
export function mediaRequests(): MediaRequest[];
/** The request_id of each video job the fake started since the last reset, as it answered. */
export function videoRequestIds(): string[];
export function reset(): void;
/**
 * Until reset, each video with filler (`[bytes:N]`) waits halfway through being sent until
 * `gate(bytesSent)` settles.
 */
export function holdHalfway(gate: (bytesSent: number) => Promise<unknown>): void;
/** A small valid PNG that says `text` in a tEXt chunk, with `filler` random bytes. */
export function makePng(text: string, filler?: number): Buffer;
export const IMAGE_MODELS: Array<{ id: string; aliases: string[] }>;
export const VIDEO_MODELS: Array<{ id: string; aliases: string[] }>;
