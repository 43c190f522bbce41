import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { xAiGrokApiTest } from './credentialTest';

export { xAiGrokApiTest } from './credentialTest';
export { searchImageModels, searchModels, searchVideoModels, searchVoices } from './listSearch';

type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** A node class's `methods`: its searchable pickers, and the credential test every node lists. */
export function nodeMethods<Search extends Record<string, ListSearch>>(listSearch: Search) {
	return { listSearch, credentialTest: { xAiGrokApiTest } };
}
