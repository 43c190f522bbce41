import type { INodeProperties } from 'n8n-workflow';

/**
 * Shows top-level parameters only when `show` holds (e.g. an operation), beside any condition
 * they have of their own.
 */
export function showOnlyWhen(
	show: NonNullable<INodeProperties['displayOptions']>['show'],
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...show },
		},
	}));
}

/** Shows top-level parameters only on the given node versions (n8n's `@version` condition). */
export function forVersions(versions: number[], properties: INodeProperties[]): INodeProperties[] {
	return showOnlyWhen({ '@version': versions }, properties);
}
