import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { toNodeError } from '../errors';
import type { MediaKind, XaiModel } from '../models';
import { listMediaModels, listModels } from '../models';
import { redactor, secretsOf } from '../redact';
import type { XaiClient, XaiCredentials } from '../transport';
import { createXaiClient } from '../transport';

/** A model picker's list: loaded with the node's credential, filtered by ID or alias, sorted. */
async function searchList(
	ctx: ILoadOptionsFunctions,
	load: (client: XaiClient) => Promise<XaiModel[]>,
	filter?: string,
): Promise<INodeListSearchResult> {
	const credentials = await ctx.getCredentials<XaiCredentials & Record<string, string>>(
		'xAiGrokApi',
	);
	let models;
	try {
		models = await load(createXaiClient(credentials));
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, 0, redactor(secretsOf(credentials)));
	}
	const query = filter?.toLowerCase();
	return {
		results: models
			.filter(
				({ id, aliases }) =>
					!query || [id, ...(aliases ?? [])].some((name) => name.toLowerCase().includes(query)),
			)
			.sort((a, b) => a.id.localeCompare(b.id))
			.map(({ id, acceptsImages, reasons }) => {
				const traits = [acceptsImages && 'text + image', reasons && 'reasoning'].filter(Boolean);
				return { name: traits.length ? `${id} (${traits.join(', ')})` : id, value: id };
			}),
	};
}

export async function searchModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchList(this, listModels, filter);
}

const mediaSearch = (kind: MediaKind) =>
	async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, async (client) => await listMediaModels(client, kind), filter);
	};

/** Image models (Grok Imagine), from xAI's /image-generation-models. */
export const searchImageModels = mediaSearch('image');

/** Video models (Grok Imagine), from xAI's /video-generation-models. */
export const searchVideoModels = mediaSearch('video');
