export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string | undefined>;
	body: any;
	at: number;
	/** The fault the fault mode applied to this chat request, if any. */
	fault?: string;
	/** When the last SSE chunk of a streamed reply was sent. */
	lastChunkAt?: number;
	/** POST /stt: the form as received (text fields, field order, the uploaded file). */
	form?: {
		fields: Record<string, string | string[]>;
		names: string[];
		file?: { filename: string; contentType?: string; size: number };
	};
	/** The ID of the response the Responses API composed for this request. */
	responseId?: string;
}

export interface FakeXai {
	url: string;
	port: number;
	requests: RecordedRequest[];
	chatRequests(): RecordedRequest[];
	/** Requests to /responses and /responses/{id}. */
	responsesRequests(): RecordedRequest[];
	reset(): void;
	latencyMs: number;
	paceMs: number;
	setFaults(
		shares?: Record<string, number>,
		options?: { seed?: number; retryAfterMs?: number },
	): void;
	close(): Promise<void>;
}

export interface FakeXaiOptions {
	port?: number;
	paceMs?: number;
	latencyMs?: number;
	noLanguageModels?: boolean;
	/** false: GET /tts/voices answers 404, as a proxy that does not list voices. */
	voiceList?: boolean;
}

export function startFakeXai(options?: FakeXaiOptions): Promise<FakeXai>;
