/**
 * Edit Image: an image of the input item changed as the prompt says (POST /v1/images/edits), or
 * several combined (xAI's `images`, referred to in the prompt as <IMAGE_0>, <IMAGE_1>, ...).
 */
import type { INodeProperties } from 'n8n-workflow';

import type { ItemExecute } from '../../shared/operation';
import { imageBinaryPropertyProperty, promptProperty } from '../helpers/properties';
import { imageModelProperty, imageOptionsProperty } from '../helpers/imageProperties';
import { executeImageRequest } from '../helpers/images';
import { readInputImages } from '../helpers/media';

/** xAI edits with up to three source images. */
const MAX_EDIT_IMAGES = 3;

/** Its parameters, then its Options; the node shows the output field between them. */
export const description: INodeProperties[] = [
	imageModelProperty('editImage'),
	promptProperty('editImage', 'What to change, e.g. "Make the sky stormy"'),
	imageBinaryPropertyProperty(
		{ operation: ['editImage'] },
		'The binary field of the input item holding the image to edit (JPG, PNG or WebP), e.g. from Read Files from Disk or HTTP Request. Up to 3 fields separated by commas combine their images; the prompt refers to them as <IMAGE_0>, <IMAGE_1>, <IMAGE_2>',
	),
	imageOptionsProperty(
		'editImage',
		"The shape of the result when combining several images (by default the first image's); one edited image keeps its own shape, and this option is then not sent",
	),
];

export const execute: ItemExecute = async (ctx, itemIndex, session) => {
	return await executeImageRequest(ctx, itemIndex, session, '/images/edits', async () => {
		const images = await readInputImages(ctx, itemIndex, { webp: true, most: MAX_EDIT_IMAGES });
		// One edited image keeps its own shape: xAI takes no aspect_ratio for it (undefined is
		// left out of the JSON sent).
		return images.length === 1
			? { image: { url: images[0], type: 'image_url' }, aspect_ratio: undefined }
			: { images: images.map((url) => ({ url, type: 'image_url' })) };
	});
};
