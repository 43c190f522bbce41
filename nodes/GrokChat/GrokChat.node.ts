import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

import { GrokChatV1 } from './v1/GrokChatV1.node';

export class GrokChat extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Grok Chat',
			name: 'grokChat',
			icon: { light: 'file:../../icons/grok.svg', dark: 'file:../../icons/grok.dark.svg' },
			group: ['transform'],
			description: "Chat with xAI's Grok models: text, images, streaming and structured output",
			defaultVersion: 1,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new GrokChatV1(baseDescription),
		};
		super(nodeVersions, baseDescription);
	}
}
