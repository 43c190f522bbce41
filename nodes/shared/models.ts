/**
 * xAI's account endpoints that cost no tokens: the model lists, the voice list and the key's own
 * record.
 */
import { notA, XaiRequestError } from './errors';
import type { XaiCall, XaiClient } from './transport';
import { exchange, readJson } from './transport';

export interface XaiModel {
	id: string;
	/** Only /language-models tells; undefined when the list came from /models. */
	acceptsImages?: boolean;
	/** True when the model reasons before answering, as far as xAI's list tells (see `reasons`). */
	reasons?: boolean;
	aliases?: string[];
}

export interface XaiApiKeyInfo {
	name?: string;
	api_key_blocked?: boolean;
	api_key_disabled?: boolean;
	team_blocked?: boolean;
}

const TIMEOUT_MS = 15_000;

async function getJson(client: XaiClient, path: string): Promise<unknown> {
	const call: XaiCall = { method: 'get', path };
	return await exchange(
		client,
		call,
		{ timeoutMs: TIMEOUT_MS },
		async (response) => await readJson(response),
	);
}

/** Models from /language-models (which tells who takes images), else from /models. */
export async function listModels(client: XaiClient): Promise<XaiModel[]> {
	// Proxies and older deployments answer 404 to /language-models: /models then lists the IDs.
	const missing = Symbol('no /language-models');
	const reply = await getJson(client, '/language-models').catch((error: unknown) =>
		error instanceof XaiRequestError && error.status === 404 ? missing : Promise.reject(error),
	);
	if (reply === missing) {
		const list = (await getJson(client, '/models')) as { data?: unknown };
		if (!Array.isArray(list?.data)) throw notA('a model list', list);
		return list.data.filter(hasId).map((model) => ({ id: model.id }));
	}
	const models = (reply as { models?: unknown })?.models;
	if (!Array.isArray(models)) throw notA('a model list', reply);
	return models.filter(hasId).map((model) => ({
		id: model.id,
		acceptsImages: asStrings(model.input_modalities).includes('image'),
		reasons: reasons(model),
		aliases: asStrings(model.aliases),
	}));
}

/** Where xAI lists the models that make images or videos (the chat list does not hold them). */
export const MEDIA_MODEL_LISTS = {
	image: '/image-generation-models',
	video: '/video-generation-models',
} as const;

export type MediaKind = keyof typeof MEDIA_MODEL_LISTS;

/** The image or video models the key may use, from xAI's list of them. */
export async function listMediaModels(client: XaiClient, kind: MediaKind): Promise<XaiModel[]> {
	const reply = await getJson(client, MEDIA_MODEL_LISTS[kind]);
	const models = (reply as { models?: unknown })?.models;
	if (!Array.isArray(models)) throw notA(`a list of ${kind} models`, reply);
	return models.filter(hasId).map((model) => ({ id: model.id, aliases: asStrings(model.aliases) }));
}

export interface XaiVoice {
	id: string;
	name?: string;
}

/** The voices xAI documents, for a server that does not list voices (a proxy, say). */
export const DOCUMENTED_VOICES: XaiVoice[] = [
	{ id: 'eve', name: 'Eve' },
	{ id: 'ara', name: 'Ara' },
	{ id: 'rex', name: 'Rex' },
	{ id: 'sal', name: 'Sal' },
	{ id: 'leo', name: 'Leo' },
];

/** Voices from GET /tts/voices (custom voices of the team included), else the documented ones. */
export async function listVoices(client: XaiClient): Promise<XaiVoice[]> {
	const missing = Symbol('no /tts/voices');
	const reply = await getJson(client, '/tts/voices').catch((error: unknown) =>
		error instanceof XaiRequestError && error.status === 404 ? missing : Promise.reject(error),
	);
	if (reply === missing) return DOCUMENTED_VOICES;
	const voices = (reply as { voices?: unknown })?.voices;
	if (!Array.isArray(voices)) throw notA('a voice list', reply);
	return voices
		.filter((voice): voice is { voice_id: string; name?: unknown } => {
			return typeof (voice as { voice_id?: unknown } | null)?.voice_id === 'string';
		})
		.map(({ voice_id, name }) => ({
			id: voice_id,
			...(typeof name === 'string' && name && { name }),
		}));
}

/** GET /api-key: who the key belongs to and whether it may be used. */
export async function getApiKeyInfo(client: XaiClient): Promise<XaiApiKeyInfo> {
	const info = (await getJson(client, '/api-key')) as Record<string, unknown> | null;
	// Any server answering 200 is not xAI: its record always names the key and its flags.
	const looksRight =
		typeof info === 'object' &&
		info !== null &&
		!Array.isArray(info) &&
		typeof info.api_key_blocked === 'boolean' &&
		(typeof info.redacted_api_key === 'string' || typeof info.api_key_id === 'string');
	if (!looksRight) throw notA("xAI's record of an API key", info);
	return info as XaiApiKeyInfo;
}

/**
 * xAI's model records carry no reasoning flag today; its IDs say it where it varies
 * (`…-reasoning` next to `…-non-reasoning`). A record that does carry a flag is believed first.
 */
function reasons(model: Record<string, unknown> & { id: string }): boolean {
	if (typeof model.reasoning === 'boolean') return model.reasoning;
	return [model.id, ...asStrings(model.aliases)].some((name) =>
		/(?<!non-)reasoning(?![a-z])/.test(name),
	);
}

function hasId(value: unknown): value is Record<string, unknown> & { id: string } {
	return typeof (value as { id?: unknown } | null)?.id === 'string';
}

function asStrings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
