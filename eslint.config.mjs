import tsParser from '@typescript-eslint/parser';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

// n8n's current lint rules for community nodes (@n8n/eslint-plugin-community-nodes, kept at its
// newest release), laid out as @n8n/node-cli's `configWithoutCloudSupport` lays them out. The CLI
// itself is not a dependency: for its config it would install LangChain and n8n-workflow 2 with
// isolated-vm, which needs Node 24 (this project builds and tests on Node 20 too).
//
// This package has runtime dependencies (openai, ajv, eventsource-parser; the README says why), so
// it cannot be an n8n Cloud verified node: `recommendedWithoutN8nCloudSupport` leaves out the
// cloud-only rules, and package.json says `"n8n": {"strict": false}` as node-cli does for such
// packages. The one rule turned off below, no-runtime-dependencies, is that same decision.
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
		rules: {
			...n8nNodesBase.configs.community.rules,
			// openai (xAI's OpenAI-compatible API), ajv and eventsource-parser are runtime
			// dependencies by choice; it rules out n8n Cloud verification (README, Compatibility).
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
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
