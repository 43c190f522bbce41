/** xAI's model lists: the chat models, and the models that make images or videos. */
import { getJson } from './accountRequest';
import { notA, XaiRequestError } from './errors';
import type { XaiClient } from './transport';

export interface XaiModel {
	id: string;
	/** Only /language-models tells; undefined when the list came from /models. */
	acceptsImages?: boolean;
	/** True when the model reasons before answering, as far as xAI's list tells (see `reasons`). */
	reasons?: boolean;
	aliases?: string[];
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
