import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { toNodeError } from '../errors';
import { listModels } from '../models';
import { redactor, secretsOf } from '../redact';
import type { XaiCredentials } from '../transport';
import { createXaiClient } from '../transport';

export async function searchModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials<XaiCredentials & Record<string, string>>(
		'xAiGrokApi',
	);
	let models;
	try {
		models = await listModels(createXaiClient(credentials));
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0, redactor(secretsOf(credentials)));
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
