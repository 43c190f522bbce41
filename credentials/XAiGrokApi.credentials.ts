import type { IAuthenticateGeneric, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export const XAI_DEFAULT_BASE_URL = 'https://api.x.ai/v1';

export class XAiGrokApi implements ICredentialType {
	// n8n ships its own `xAiApi`: this name must differ from it.
	name = 'xAiGrokApi';

	displayName = 'xAI Grok API';

	documentationUrl = 'https://docs.x.ai/docs/overview';

	icon: Icon = { light: 'file:../icons/grok.svg', dark: 'file:../icons/grok.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Your xAI API key, from the xAI console (console.x.ai)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: XAI_DEFAULT_BASE_URL,
			description: 'Change only to go through a proxy or a regional endpoint',
		},
	];

	// Lets the HTTP Request node use this credential too. The credential test lives in the Grok
	// Chat node (testedBy) so that it reports xAI's own message and checks a blocked key.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.apiKey}}' },
		},
	};
}
