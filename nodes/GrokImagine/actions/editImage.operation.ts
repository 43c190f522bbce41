/**
 * Edit Image: an image of the input item changed as the prompt says (POST /v1/images/edits), or
 * several combined (xAI's `images`, referred to in the prompt as <IMAGE_0>, <IMAGE_1>, ...).
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { XaiSession } from '../../shared/session';
import { imageBinaryPropertyProperty, promptProperty } from '../helpers/properties';
import { imageModelProperty, imageOptionsProperty } from '../helpers/imageProperties';
import { executeImageRequest } from '../helpers/images';
import { readInputImages } from '../helpers/media';

/** Its parameters, then its Options; the node shows the output field between them. */
export const description: INodeProperties[] = [
	imageModelProperty('editImage'),
	promptProperty('editImage', 'What to change, e.g. "Make the sky stormy"'),
	imageBinaryPropertyProperty(
		{ operation: ['editImage'] },
		'The binary field of the input item holding the image to edit, e.g. from Read Files from Disk or HTTP Request. Several fields separated by commas combine their images; the prompt refers to them as <IMAGE_0>, <IMAGE_1>, ...',
	),
	imageOptionsProperty(
		'editImage',
		'The shape of the result when combining several images; one edited image keeps its own shape',
	),
];

export async function execute(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
): Promise<INodeExecutionData[]> {
	return await executeImageRequest(ctx, itemIndex, session, '/images/edits', async () => {
		const images = await readInputImages(ctx, itemIndex);
		return images.length === 1
			? { image: { url: images[0], type: 'image_url' } }
			: { images: images.map((url) => ({ url, type: 'image_url' })) };
	});
}
