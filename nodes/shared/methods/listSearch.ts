import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { toNodeError } from '../errors';
import type { MediaKind, XaiModel } from '../models';
import { listMediaModels, listModels } from '../models';
import { redactor, secretsOf } from '../redact';
import type { XaiClient, XaiCredentials } from '../transport';
import { createXaiClient } from '../transport';
import type { XaiVoice } from '../voices';
import { listVoices } from '../voices';

/** One entry of a picker: what it shows, its value, and the names a search may match. */
interface Listed extends INodeListSearchItems {
	searchable: string[];
}

/**
 * A searchable picker fed live from xAI on the node's credential: `load` fetches the entries,
 * which are filtered (case-insensitively, on any of their names) and sorted by value. A failure
 * is the same redacted error, with its remedy, as a failed item.
 */
async function searchList(
	ctx: ILoadOptionsFunctions,
	load: (client: XaiClient) => Promise<Listed[]>,
	filter?: string,
): Promise<INodeListSearchResult> {
	const credentials = await ctx.getCredentials<XaiCredentials & Record<string, string>>(
		'xAiGrokApi',
	);
	let entries: Listed[];
	try {
		entries = await load(createXaiClient(credentials));
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, 0, redactor(secretsOf(credentials)));
	}
	const query = filter?.toLowerCase();
	return {
		results: entries
			.filter(
				({ searchable }) => !query || searchable.some((name) => name.toLowerCase().includes(query)),
			)
			.sort((a, b) => String(a.value).localeCompare(String(b.value)))
			.map(({ name, value }) => ({ name, value })),
	};
}

/** A model, marked with what it takes and whether it reasons, found by its ID or aliases. */
function modelEntry({ id, aliases, acceptsImages, reasons }: XaiModel): Listed {
	const traits = [acceptsImages && 'text + image', reasons && 'reasoning'].filter(Boolean);
	return {
		name: traits.length ? `${id} (${traits.join(', ')})` : id,
		value: id,
		searchable: [id, ...(aliases ?? [])],
	};
}

export async function searchModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchList(
		this,
		async (client) => (await listModels(client)).map(modelEntry),
		filter,
	);
}

const mediaSearch = (kind: MediaKind) =>
	async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const load = async (client: XaiClient) => (await listMediaModels(client, kind)).map(modelEntry);
		return await searchList(this, load, filter);
	};

/** Image models (Grok Imagine), from xAI's /image-generation-models. */
export const searchImageModels = mediaSearch('image');

/** Video models (Grok Imagine), from xAI's /video-generation-models. */
export const searchVideoModels = mediaSearch('video');

export async function searchVoices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const toEntry = ({ id, name }: XaiVoice): Listed => ({
		name: name && name.toLowerCase() !== id.toLowerCase() ? `${name} (${id})` : (name ?? id),
		value: id,
		searchable: [id, name ?? ''],
	});
	return await searchList(this, async (client) => (await listVoices(client)).map(toEntry), filter);
}
