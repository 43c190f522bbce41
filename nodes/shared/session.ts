/**
 * One execution's way to xAI, shared by its items: the client on the credential, the scheduler
 * (concurrency, retries, rate-limit pauses), the deadline of each reply, the reading and
 * assembling of replies, and the redaction of every message. A node's operation reads:
 * parameters -> build the request -> `session.complete(endpoint, ...)` -> output item.
 */
import type { JobStart } from './jobStart';
import { certainlyNotAccepted, mayHaveStarted } from './jobStart';
import type { Redact } from './redact';
import { redactDeep, redactor, secretsOf } from './redact';
import { RequestScheduler } from './scheduler';
import type { ArrivingFile, SseEvent, XaiCall, XaiClient, XaiCredentials } from './transport';
import {
	cappedChunks,
	createXaiClient,
	download,
	exchange,
	readBytes,
	readEvents,
	readJson,
} from './transport';

/** What differs per endpoint: its path and body, and how its reply is checked and assembled. */
export interface XaiEndpoint<Reply> {
	path: string;
	/** The request body; `stream` asks for the SSE form. */
	body(stream: boolean): object;
	headers?: Record<string, string>;
	/** A whole JSON reply, checked for the endpoint's shape. */
	fromJson(value: unknown): Reply;
	streamAssembler(): StreamAssembler<Reply>;
}

/** Builds a streamed reply event by event; `result` refuses a reply that did not finish. */
export interface StreamAssembler<Reply> {
	/** Takes one event; returns the text it adds to the reply, if any, for streaming clients. */
	add(event: SseEvent): string | undefined;
	/** The reply's text so far. */
	readonly text: string;
	result(): Reply;
}

/**
 * A request that is answered in one piece: JSON checked by `fromJson` (which gets undefined for an
 * empty body when `allowEmpty`); with `fromBytes`, a body of bytes read whole; with `fromFile`, a
 * file (audio, say) received as it arrives, to be stored rather than held. Each of at most
 * `maxBytes` (16 MiB unless said).
 */
export type XaiRequest<Reply> = XaiCall & { maxBytes?: number } & (
		| { fromJson(value: unknown): Reply; allowEmpty?: boolean; fromBytes?: never; fromFile?: never }
		| { fromBytes(bytes: Buffer): Reply; fromJson?: never; fromFile?: never }
		| { fromFile(file: ArrivingFile): Promise<Reply>; fromJson?: never; fromBytes?: never }
	);

/** How long one attempt may take, and how often a failed one is sent again. */
export interface SendOptions {
	timeoutMs: number;
	maxRetries: number;
}

/**
 * `startsJob`: the request starts a billed job (POST /batches, a video start). It is sent again
 * only when xAI certainly did not accept it (see jobStart.ts); otherwise its failure says that a
 * job may have started, and where to find it.
 */
export interface SendRequestOptions extends SendOptions {
	startsJob?: JobStart;
}

export interface CompleteOptions {
	stream: boolean;
	timeoutMs: number;
	maxRetries: number;
	/** Receives each piece of text as it arrives; once it has, the reply is never retried. */
	onText?: (text: string) => Promise<void>;
}

export interface SessionOptions {
	concurrency: number;
	signal?: AbortSignal;
	maxRateLimitWaitMs?: number;
}

export class XaiSession {
	readonly client: XaiClient;

	readonly scheduler: RequestScheduler;

	readonly redact: Redact;

	/** Throws a credential error when the key or Base URL cannot be sent. */
	constructor(
		credentials: XaiCredentials,
		private readonly options: SessionOptions,
	) {
		this.redact = redactor(secretsOf(credentials));
		this.client = createXaiClient(credentials);
		this.scheduler = new RequestScheduler(options);
	}

	/** `value` (an output item's JSON, a log line's parts) with the key masked in every string. */
	redactAll<T>(value: T): T {
		return redactDeep(value, this.redact);
	}

	get concurrency() {
		return this.options.concurrency;
	}

	async complete<Reply>(endpoint: XaiEndpoint<Reply>, options: CompleteOptions): Promise<Reply> {
		let forwarded = false;
		return await this.scheduler.send(
			async () =>
				await exchange(
					this.client,
					{
						method: 'post',
						path: endpoint.path,
						body: endpoint.body(options.stream),
						headers: endpoint.headers,
					},
					{ timeoutMs: options.timeoutMs, signal: this.options.signal },
					async (response, progress) => {
						this.scheduler.observe(response.headers);
						if (!options.stream) return endpoint.fromJson(await readJson(response));
						const assembler = endpoint.streamAssembler();
						for await (const event of readEvents(response)) {
							const text = assembler.add(event);
							progress.text = assembler.text;
							if (text && options.onText) {
								forwarded = true;
								await options.onText(text);
							}
						}
						return assembler.result();
					},
				),
			options.maxRetries,
			// A retry would send a streaming client the start of the reply a second time.
			() => !forwarded,
		);
	}

	/**
	 * Sends a request answered in one piece, scheduled and retried like every other; one that
	 * `startsJob` is retried only when xAI certainly did not accept it.
	 */
	async send<Reply>(request: XaiRequest<Reply>, options: SendRequestOptions): Promise<Reply> {
		const attempt = async () =>
			await exchange(
				this.client,
				request,
				{ timeoutMs: options.timeoutMs, signal: this.options.signal },
				async (response) => {
					this.scheduler.observe(response.headers);
					const contentType = response.headers.get('content-type') ?? undefined;
					if (request.fromFile) {
						return await request.fromFile({
							chunks: cappedChunks(response, request.maxBytes),
							contentType,
						});
					}
					if (request.fromBytes)
						return request.fromBytes(await readBytes(response, request.maxBytes));
					return request.fromJson(
						await readJson(response, {
							allowEmpty: request.allowEmpty,
							maxBytes: request.maxBytes,
						}),
					);
				},
			);
		const job = options.startsJob;
		if (!job) return await this.scheduler.send(attempt, options.maxRetries);
		let last: unknown;
		const recorded = async () =>
			await attempt().catch((error: unknown) => Promise.reject((last = error)));
		return await this.scheduler
			.send(recorded, options.maxRetries, () => certainlyNotAccepted(last))
			.catch((error: unknown) => Promise.reject(mayHaveStarted(error, job)));
	}

	/**
	 * Downloads a file xAI made from its temporary URL (another host: the key is never sent there)
	 * into `receive` as it arrives, bounded by the same concurrency and retried like a request (a
	 * retry downloads and receives the file anew).
	 */
	async download<T>(
		url: string,
		options: SendOptions & { maxBytes: number },
		receive: (file: ArrivingFile) => Promise<T>,
	): Promise<T> {
		return await this.scheduler.send(
			async () =>
				await download(
					url,
					{
						timeoutMs: options.timeoutMs,
						signal: this.options.signal,
						maxBytes: options.maxBytes,
						baseUrl: this.client.baseURL,
					},
					receive,
				),
			options.maxRetries,
		);
	}

	close() {
		this.scheduler.dispose();
	}
}
