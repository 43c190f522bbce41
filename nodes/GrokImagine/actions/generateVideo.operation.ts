/**
 * Generate Video: a video from a text prompt, optionally starting from an image of the input item
 * (POST /v1/videos/generations), made and delivered as every video operation is (video.ts).
 */
import type { INodeProperties } from 'n8n-workflow';

import { oneOf } from '../../shared/checks';
import { InvalidParameterError } from '../../shared/errors';
import { integerOption } from '../../shared/options';
import type { ItemExecute } from '../../shared/operation';
import { readInputImages, readItemParameters } from '../helpers/media';
import {
	aspectRatioOption,
	imageBinaryPropertyProperty,
	optionsProperty,
	promptProperty,
	resolutionOption,
	VIDEO_ASPECT_RATIOS,
} from '../helpers/properties';
import type { VideoJob, VideoOptions } from '../helpers/video';
import { makeVideo } from '../helpers/video';
import { videoModelProperty, waitingOptions } from '../helpers/videoProperties';

const VIDEO_RESOLUTIONS = ['480p', '720p', '1080p'];

/** Its parameters, then its Options; the node shows the output field between them. */
export const description: INodeProperties[] = [
	videoModelProperty('generateVideo'),
	promptProperty(
		'generateVideo',
		'What the video should show; may be empty when the video starts from an image',
	),
	{
		displayName: 'Start From Image',
		name: 'startFromImage',
		type: 'boolean',
		default: false,
		description:
			"Whether the video starts from an image of the input item (image-to-video); the prompt may then be empty, and the video takes the image's shape",
		displayOptions: { show: { operation: ['generateVideo'] } },
	},
	imageBinaryPropertyProperty(
		{ operation: ['generateVideo'], startFromImage: [true] },
		'The binary field of the input item holding the first frame of the video',
	),
	optionsProperty('generateVideo', [
		aspectRatioOption('video', "The video's shape (not used when it starts from an image)"),
		{
			displayName: 'Duration',
			name: 'duration',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 15 },
			default: 8,
			description: 'Length of the video in seconds, 1 to 15',
		},
		resolutionOption(
			VIDEO_RESOLUTIONS,
			'720p',
			'Higher resolutions take longer and cost more. 1080p needs a 1.5 model (grok-imagine-video-1.5): the default grok-imagine-video refuses it.',
		),
		...waitingOptions,
	]),
];

interface GenerateVideoOptions extends VideoOptions {
	aspectRatio?: unknown;
	duration?: unknown;
	resolution?: unknown;
}

export const execute: ItemExecute = async (ctx, itemIndex, session) => {
	const startFromImage = ctx.getNodeParameter('startFromImage', itemIndex, false) === true;
	const { model, prompt, binaryPropertyName, options, settings } =
		readItemParameters<GenerateVideoOptions>(ctx, itemIndex, startFromImage);
	const job: VideoJob = { path: '/videos/generations', body: { model, prompt } };
	if (options.duration !== undefined) {
		job.body.duration = integerOption(options.duration, 'Duration', 1, 15);
	}
	if (options.resolution !== undefined) {
		job.body.resolution = oneOf(options.resolution, 'Options › Resolution', VIDEO_RESOLUTIONS);
	}
	// Checked also when an image makes it unused: a wrong value is wrong either way.
	const aspectRatio =
		options.aspectRatio === undefined
			? undefined
			: oneOf(options.aspectRatio, 'Options › Aspect Ratio', VIDEO_ASPECT_RATIOS);
	if (startFromImage) {
		const [image, ...more] = await readInputImages(ctx, itemIndex);
		if (more.length > 0) {
			throw new InvalidParameterError(
				'Input Binary Field',
				'a video starts from one image: name one binary field',
			);
		}
		job.body.image = { url: image };
	} else if (aspectRatio !== undefined) {
		job.body.aspect_ratio = aspectRatio;
	}
	return await makeVideo(ctx, itemIndex, session, job, binaryPropertyName, options, settings);
};
