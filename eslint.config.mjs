import tsParser from '@typescript-eslint/parser';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

// n8n's own lint rules for community nodes. This package has a runtime dependency (openai), so it
// cannot be an n8n Cloud verified node: the cloud-only rules are off, through n8n's own
// `recommendedWithoutN8nCloudSupport` preset (it leaves out no-restricted-imports/-globals).
export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', '*.js', '*.mjs', '.n8n-demo/**', '.e2e/**'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
	},
	n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport,
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// It expects a slug of n8n's own docs; a community credential links to xAI's docs by full
			// URL, which @n8n/community-nodes/credential-documentation-url checks instead.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two predate NodeConnectionTypes, which n8n's own nodes now use for inputs/outputs.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// A message reads Role, Text, then the optional fields, as in n8n's OpenAI node.
			'n8n-nodes-base/node-param-fixed-collection-type-unsorted-items': 'off',
		},
	},
];
