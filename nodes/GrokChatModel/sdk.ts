/**
 * Loads the part of Grok Chat Model that runs on n8n's AI node SDK (@n8n/ai-node-sdk, a peer
 * dependency n8n 2.x resolves from its own install). n8n 1.x has no SDK: the node then fails with
 * what it needs instead of a missing-module error, and nothing else of the package is touched.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The first n8n release that ships @n8n/ai-node-sdk (0.7.0); this node is tested on 2.41.1. */
export const FIRST_N8N_WITH_SDK = '2.16.0';

const SDK = '@n8n/ai-node-sdk';

export function isMissingSdk(error: unknown): boolean {
	const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
	return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(SDK);
}

export async function loadModelSupplier(node: INode) {
	try {
		return await import('./supply');
	} catch (error) {
		if (!isMissingSdk(error)) throw new NodeOperationError(node, error as Error);
		throw new NodeOperationError(
			node,
			`Grok Chat Model needs n8n ${FIRST_N8N_WITH_SDK} or newer: it runs on n8n's AI node SDK (${SDK}), which this n8n does not have`,
			{
				description:
					'Update n8n, or on this version give the AI Agent another chat model and add Grok Chat to it as a tool',
			},
		);
	}
}
