import type { INodeProperties } from 'n8n-workflow';

/** Shows top-level parameters only on the given node versions (n8n's `@version` condition). */
export function forVersions(versions: number[], properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, '@version': versions },
		},
	}));
}
