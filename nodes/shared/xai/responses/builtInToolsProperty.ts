/**
 * The Built-in Tools parameter: the tools xAI runs on its side while it answers. Its names are
 * read by builtInTools and are a contract that saved workflows rely on.
 */
import type { INodeProperties } from 'n8n-workflow';

const webSearchFields: INodeProperties[] = [
	{
		displayName: 'Allowed Domains',
		name: 'allowedDomains',
		type: 'string',
		default: '',
		placeholder: 'e.g. wikipedia.org, arxiv.org',
		description:
			'Search only these domains: at most 5, separated by commas. Cannot be combined with Excluded Domains.',
	},
	{
		displayName: 'Enable Image Understanding',
		name: 'enableImageUnderstanding',
		type: 'boolean',
		default: true,
		description: 'Whether the model may look at the images it finds on web pages',
	},
	{
		displayName: 'Excluded Domains',
		name: 'excludedDomains',
		type: 'string',
		default: '',
		placeholder: 'e.g. example.com',
		description:
			'Never search these domains: at most 5, separated by commas. Cannot be combined with Allowed Domains.',
	},
];

const xSearchFields: INodeProperties[] = [
	{
		displayName: 'Allowed Handles',
		name: 'allowedHandles',
		type: 'string',
		default: '',
		placeholder: 'e.g. @xai, @grok',
		description:
			'Search only posts of these X accounts: at most 10, separated by commas. Cannot be combined with Excluded Handles.',
	},
	{
		displayName: 'Enable Image Understanding',
		name: 'enableImageUnderstanding',
		type: 'boolean',
		default: true,
		description: 'Whether the model may look at the images in posts',
	},
	{
		displayName: 'Enable Video Understanding',
		name: 'enableVideoUnderstanding',
		type: 'boolean',
		default: true,
		description: 'Whether the model may watch the videos in posts',
	},
	{
		displayName: 'Excluded Handles',
		name: 'excludedHandles',
		type: 'string',
		default: '',
		placeholder: 'e.g. @spam_account',
		description:
			'Never search posts of these X accounts: at most 10, separated by commas. Cannot be combined with Allowed Handles.',
	},
	{
		displayName: 'From Date',
		name: 'fromDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2025-01-31',
		description: 'Search only posts from this day on (YYYY-MM-DD)',
	},
	{
		displayName: 'To Date',
		name: 'toDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2025-12-31',
		description: 'Search only posts up to this day (YYYY-MM-DD)',
	},
];

export const builtInToolsProperty: INodeProperties = {
	displayName: 'Built-in Tools',
	name: 'builtInTools',
	type: 'collection',
	placeholder: 'Add Tool',
	default: {},
	description:
		'Tools that xAI runs on its side while it answers; each search or code run is billed by xAI besides the tokens',
	options: [
		{
			displayName: 'Code Execution',
			name: 'codeExecution',
			type: 'boolean',
			default: true,
			description: 'Whether the model may write and run Python code to calculate or analyse',
		},
		{
			displayName: 'Web Search',
			name: 'webSearch',
			type: 'collection',
			placeholder: 'Add Setting',
			default: {},
			description:
				'Lets the model search the web and browse pages; the sources come back as citations',
			options: webSearchFields,
		},
		{
			displayName: 'X Search',
			name: 'xSearch',
			type: 'collection',
			placeholder: 'Add Setting',
			default: {},
			description: 'Lets the model search posts on X; the posts come back as citations',
			options: xSearchFields,
		},
	],
};
