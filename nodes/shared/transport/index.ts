/**
 * The only folder that reaches the network: the openai SDK, pointed at xAI's OpenAI-compatible API.
 * The SDK builds and sends requests and maps HTTP errors; the bodies of successful replies are
 * read here, under one deadline for the whole reply, with a size cap, and every failure leaves
 * as an XaiRequestError or InvalidReplyError, so no file outside it knows the SDK's classes.
 */
export type { ChatCompletionCreateParams, XaiClient, XaiCredentials } from './client';
export { createXaiClient } from './client';
export type { ExchangeOptions, Progress, XaiCall } from './exchange';
export { exchange, MAX_TIMEOUT_MS } from './exchange';
export { cappedChunks, MAX_REPLY_BYTES, readBytes, readJson } from './body';
export type { SseEvent } from './sse';
export { readEvents } from './sse';
export type { ArrivingFile, DownloadOptions } from './download';
export { download, MAX_MEDIA_REDIRECTS } from './download';
export { isAllowedMediaUrl, isPrivateIp, mediaUrlRefusal } from './mediaPolicy';
export { netFetch, proxyDispatcher, proxySettings } from './network';
