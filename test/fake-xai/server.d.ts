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
	/** The Batch API (batch.js): its settings, uploaded files and batches. */
	batches: FakeBatches;
	latencyMs: number;
	paceMs: number;
	/** A real limiter: requests and tokens per minute (token buckets), 429 with Retry-After. */
	setRateLimit(limit?: { rpm: number; tpm?: number; headers?: boolean }): void;
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
	batch?: Partial<FakeBatchSettings>;
}

export interface FakeBatchSettings {
	/** GETs of a batch until it is done (the share done grows with each). */
	polls: number;
	/** When set, the batch is done this long after its creation instead. */
	ms: number;
	/** How long after its creation a batch expires. */
	expireMs: number;
}

export interface FakeBatches {
	settings: FakeBatchSettings;
	files: Map<string, { id: string; filename: string; purpose: string | null; content: string }>;
	batches: Map<string, { id: string; name: string; lines: any[]; results: any[]; polls: number }>;
}

export function startFakeXai(options?: FakeXaiOptions): Promise<FakeXai>;
