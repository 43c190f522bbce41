'use strict';
/**
 * xAI's image and video API (Grok Imagine) for the fake xAI server: POST /v1/images/generations,
 * POST /v1/images/edits, POST /v1/videos/generations, /v1/videos/edits and /v1/videos/extensions,
 * GET /v1/videos/{request_id}, and the model
 * lists GET /v1/image-generation-models and /v1/video-generation-models. server.js owns the API
 * server and its key checks and hands every request to handle(), which answers the paths above
 * and returns true (false for any other path).
 *
 * The files it "makes" are served by a SECOND http server on another port (another origin, as
 * xAI's imgen.x.ai / vidgen.x.ai are), started on first use and recording every request's headers,
 * so a test can prove the API key never travels there. Images are real PNGs (a few pixels, with
 * the prompt and index in a tEXt chunk), videos begin with an MP4 `ftyp` box.
 *
 * Directives in the prompt:
 *   [fail:<kind>] [fail:<kind>:once]  xAI's HTTP errors, as for chat (e.g. [fail:403-policy])
 *   [moderated]    images: every image comes back with respect_moderation false and no url;
 *                  video: done, respect_moderation false, empty url
 *   [video:failed] the job ends "failed" with xAI's {error: {code, message}}
 *   [video:expired] the job ends "expired"
 *   [polls:N]      pending for N polls (default 2) before the end; the first pending poll is a 202
 *                  with an empty body, as xAI answers at times, the others 202 {status, progress}
 *   [media:404]    the media host answers 404 for this reply's files (an expired temporary URL)
 *   [bytes:N]      each image carries N bytes of incompressible filler (for size measurements);
 *                  a video, N bytes after its head, made while they are sent (largeFile.js)
 *
 * Shapes, from xAI's REST reference (openapi: GenerateImageRequest, EditImageRequest,
 * GeneratedImageResponse with data[].url|b64_json|mime_type|revised_prompt and
 * usage.cost_in_usd_ticks; GenerateVideoRequest, StartDeferredResponse {request_id}, VideoResponse
 * {status, progress, video {url, duration, respect_moderation}, model, usage, error {code,
 * message}}; ListImage/VideoGenerationModelsResponse {models: [{id, aliases, ...}]}) and vercel/ai
 * packages/xai/src/xai-image-model.ts, xai-video-model.ts (respect_moderation on images, 202 with
 * an empty body while pending). Edits and extensions take {model, prompt, video: {url}} (extensions
 * also duration, 1-10 s, default 6, and no `user`: a 422 here) and download the source themselves,
 * as xAI does: here only videos of the fake's own media host can be fetched; an edit's source is
 * at most 8.7 s, an extension's 2 to 30 s (xAI's REST reference, as issue 20 reads it). Costs
 * here are made up: $0.02 an image, $0.05 a video second.
 */
const http = require('node:http');
const { randomBytes, randomUUID } = require('node:crypto');
const zlib = require('node:zlib');

const largeFile = require('./largeFile');

const { serveLarge } = largeFile;

const IMAGE_MODELS = [
	{ id: 'grok-imagine-image', aliases: [] },
	{ id: 'grok-imagine-image-quality', aliases: ['grok-imagine-image-pro'] },
];
const VIDEO_MODELS = [
	{ id: 'grok-imagine-video', aliases: [] },
	{ id: 'grok-imagine-video-1.5', aliases: [] },
];
const IMAGE_RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9', '2:3', '3:2'];
IMAGE_RATIOS.push('9:19.5', '19.5:9', '9:20', '20:9', '1:2', '2:1', 'auto');
const VIDEO_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'];
const IMAGE_TICKS = 200_000_000;
const VIDEO_SECOND_TICKS = 500_000_000;

/** Process-wide: the media host, the files it serves, the requests it got, the video jobs. */
const media = { server: undefined, url: undefined, starting: undefined, sockets: new Set() };
const files = new Map();
const mediaRequests = [];
const jobs = new Map();
/** The request_id of every video job started, in order, as the fake answered it. */
const startedIds = [];

function startMediaHost() {
	media.starting ??= new Promise((resolve) => {
		const server = http.createServer((req, res) => {
			mediaRequests.push({ method: req.method, path: req.url, headers: req.headers });
			const file = files.get(req.url);
			if (!file || file.status) {
				res.writeHead(file?.status ?? 404, { 'content-type': 'text/plain' });
				return res.end('Not found');
			}
			if (file.filler) return serveLarge(res, file.type, file.bytes, file.filler);
			res.writeHead(200, { 'content-type': file.type, 'content-length': file.bytes.length });
			res.end(file.bytes);
		});
		server.on('connection', (socket) => {
			media.sockets.add(socket);
			socket.on('close', () => media.sockets.delete(socket));
		});
		server.listen(0, '127.0.0.1', () => {
			// It lives as long as the process that uses it, without keeping that process alive.
			server.unref();
			media.server = server;
			media.url = `http://127.0.0.1:${server.address().port}`;
			resolve(media.url);
		});
	});
	return media.starting;
}

/**
 * Puts a file on the media host; returns its URL. `video`: what it shows and how long it is;
 * `filler`: how many bytes follow `bytes`, made as they are sent.
 */
function publish(name, type, bytes, status, video, filler) {
	files.set(`/files/${name}`, { type, bytes, status, video, filler });
	return `${media.url}/files/${name}`;
}

/**
 * Answers the Imagine endpoints. helpers, from server.js: json(res, status, payload, headers),
 * xaiError(res, status, code, message, headers), failByDirective(res, prompt, directive).
 */
function handle(req, res, path, body, helpers) {
	const route = routeOf(req.method, path);
	if (!route) return false;
	startMediaHost()
		.then(() => route(res, body ?? {}, path, helpers))
		.catch((error) => helpers.xaiError(res, 500, 'Internal error', String(error)));
	return true;
}

function routeOf(method, path) {
	if (method === 'GET' && path === '/image-generation-models') return modelList(IMAGE_MODELS);
	if (method === 'GET' && path === '/video-generation-models') return modelList(VIDEO_MODELS);
	if (method === 'POST' && path === '/images/generations') return images;
	if (method === 'POST' && path === '/images/edits') return images;
	if (method === 'POST' && path === '/videos/generations') return startVideo;
	if (method === 'POST' && path === '/videos/edits') return startVideoFromVideo;
	if (method === 'POST' && path === '/videos/extensions') return startVideoFromVideo;
	if (method === 'GET' && /^\/videos\/[^/]+$/.test(path)) return pollVideo;
	return undefined;
}

const modelList =
	(models) =>
	(res, _body, _path, { json }) =>
		json(res, 200, {
			models: models.map(({ id, aliases }) => ({
				id,
				fingerprint: 'fp_fake',
				created: 1743724800,
				object: 'model',
				owned_by: 'xai',
				version: '1.0.0',
				input_modalities: ['text', 'image'],
				output_modalities: [models === IMAGE_MODELS ? 'image' : 'video'],
				aliases,
			})),
		});

const directiveIn = (prompt) => (name) =>
	new RegExp(`\\[${name}(?::([^\\]]*))?\\]`).exec(typeof prompt === 'string' ? prompt : '');

function stripDirectives(text) {
	return String(text ?? '')
		.replace(/\s*\[(fail|moderated|video|polls|media|bytes)(:[^\]]*)?\]\s*/g, ' ')
		.trim();
}

/** xAI's 422 for a body it cannot read, 400 for a value out of range, 404 for a model. */
function checkCommon(res, body, models, { xaiError }) {
	if (body.prompt !== undefined && typeof body.prompt !== 'string') {
		xaiError(
			res,
			422,
			'Unprocessable entity',
			'Failed to deserialize the JSON body into the target type: prompt: invalid type',
		);
		return false;
	}
	const known = models.find((m) => m.id === body.model || m.aliases.includes(body.model));
	if (body.model !== undefined && !known) {
		xaiError(
			res,
			404,
			'Some requested entity was not found',
			`The model ${body.model} does not exist or your team does not have access to it.`,
		);
		return false;
	}
	return true;
}

function badArgument(res, xaiError, message) {
	xaiError(res, 400, 'Client specified an invalid argument', message);
}

/** The input images of an edit (or the first frame of a video): each a data URL or https URL. */
function inputImages(body) {
	return [...(body.image ? [body.image] : []), ...(Array.isArray(body.images) ? body.images : [])];
}

function checkImageInputs(res, list, xaiError) {
	for (const image of list) {
		const url = image?.url;
		if (typeof url !== 'string' || !/^(data:image\/(png|jpeg|webp);base64,|https:\/\/)/.test(url)) {
			badArgument(
				res,
				xaiError,
				'Image must be a public URL or a base64-encoded data URL of a JPEG, PNG or WebP image.',
			);
			return false;
		}
	}
	return true;
}

function images(res, body, path, helpers) {
	const { json, xaiError, failByDirective } = helpers;
	const edit = path === '/images/edits';
	if (!checkCommon(res, body, IMAGE_MODELS, helpers)) return;
	const prompt = body.prompt ?? '';
	if (!prompt.trim()) return badArgument(res, xaiError, 'Prompt must not be empty.');
	const directive = directiveIn(prompt);
	if (failByDirective(res, prompt, directive)) return;
	const n = body.n ?? 1;
	if (!Number.isInteger(n) || n < 1 || n > 10) {
		return badArgument(res, xaiError, `n must be between 1 and 10, got ${n}.`);
	}
	if (body.response_format !== undefined && !['url', 'b64_json'].includes(body.response_format)) {
		return badArgument(res, xaiError, `Unknown response_format ${body.response_format}.`);
	}
	if (body.aspect_ratio !== undefined && !IMAGE_RATIOS.includes(body.aspect_ratio)) {
		return badArgument(res, xaiError, `Unsupported aspect_ratio ${body.aspect_ratio}.`);
	}
	if (body.resolution !== undefined && !['1k', '2k'].includes(body.resolution)) {
		return badArgument(res, xaiError, `Unsupported resolution ${body.resolution}.`);
	}
	const inputs = inputImages(body);
	if (edit) {
		if (inputs.length === 0) return badArgument(res, xaiError, 'An image edit needs an image.');
		if (body.image && body.images) {
			return badArgument(res, xaiError, '`image` and `images` are mutually exclusive.');
		}
		if (!checkImageInputs(res, inputs, xaiError)) return;
	}
	const moderated = !!directive('moderated');
	const filler = Number(directive('bytes')?.[1] ?? 0);
	const missing = directive('media')?.[1] === '404' ? 404 : undefined;
	const text = stripDirectives(prompt);
	const data = Array.from({ length: n }, (_, index) => {
		if (moderated) return { url: '', respect_moderation: false };
		const png = makePng(
			`${edit ? `edit of ${inputs.length}` : 'image'} ${index + 1}: ${text}`,
			filler,
		);
		const revised = edit ? `Edited: ${text}` : `A vivid picture of ${text}`;
		if (body.response_format === 'b64_json') {
			return { b64_json: png.toString('base64'), mime_type: 'image/png', revised_prompt: revised };
		}
		const url = publish(`${randomUUID()}.png`, 'image/png', png, missing);
		return { url, mime_type: 'image/png', revised_prompt: revised };
	});
	json(res, 200, { data, usage: { cost_in_usd_ticks: moderated ? 0 : n * IMAGE_TICKS } });
}

function startVideo(res, body, _path, helpers) {
	const { json, xaiError, failByDirective } = helpers;
	if (!checkCommon(res, body, VIDEO_MODELS, helpers)) return;
	const prompt = body.prompt ?? '';
	const inputs = inputImages(body);
	if (!prompt.trim() && inputs.length === 0) {
		return badArgument(res, xaiError, 'Prompt must not be empty without an image.');
	}
	const directive = directiveIn(prompt);
	if (failByDirective(res, prompt, directive)) return;
	const duration = body.duration === undefined ? 8 : Number(body.duration);
	if (!Number.isInteger(duration) || duration < 1 || duration > 15) {
		return badArgument(res, xaiError, `duration must be between 1 and 15, got ${body.duration}.`);
	}
	if (body.aspect_ratio !== undefined && !VIDEO_RATIOS.includes(body.aspect_ratio)) {
		return badArgument(res, xaiError, `Unsupported aspect_ratio ${body.aspect_ratio}.`);
	}
	if (body.resolution !== undefined && !['480p', '720p', '1080p'].includes(body.resolution)) {
		return badArgument(res, xaiError, `Unsupported resolution ${body.resolution}.`);
	}
	if (!checkImageInputs(res, inputs, xaiError)) return;
	const id = randomUUID();
	const end = directive('video')?.[1] ?? (directive('moderated') ? 'moderated' : 'done');
	jobs.set(id, {
		model: body.model ?? 'grok-imagine-video',
		duration,
		pendingPolls: Number(directive('polls')?.[1] ?? 2),
		polls: 0,
		end,
		missing: directive('media')?.[1] === '404' ? 404 : undefined,
		filler: Number(directive('bytes')?.[1] ?? 0),
		label: `${inputs.length ? 'image-to-video' : 'video'}: ${stripDirectives(prompt)}`,
	});
	startedIds.push(id);
	json(res, 200, { request_id: id });
}

/** Edit (same length) or extension (source + duration) of a video the media host serves. */
function startVideoFromVideo(res, body, path, helpers) {
	const { json, xaiError, failByDirective } = helpers;
	const edit = path === '/videos/edits';
	if (!checkCommon(res, body, VIDEO_MODELS, helpers)) return;
	const prompt = body.prompt ?? '';
	if (!prompt.trim()) return badArgument(res, xaiError, 'Prompt must not be empty.');
	const directive = directiveIn(prompt);
	if (failByDirective(res, prompt, directive)) return;
	for (const field of ['aspect_ratio', 'resolution', 'image', ...(edit ? ['duration'] : [])]) {
		if (body[field] !== undefined) {
			return badArgument(
				res,
				xaiError,
				`${field} is not supported for video ${edit ? 'editing' : 'extension'}.`,
			);
		}
	}
	const url = body.video?.url;
	if (typeof url !== 'string' || !url) return badArgument(res, xaiError, 'video.url is required.');
	const source =
		URL.canParse(url) && url.startsWith(`${media.url}/`)
			? files.get(new URL(url).pathname)
			: undefined;
	if (!source?.video || source.status) {
		return badArgument(res, xaiError, `Failed to download the video from ${url}.`);
	}
	if (!edit && body.user !== undefined) {
		return xaiError(res, 422, 'Unprocessable entity', 'unknown field `user` in the request body');
	}
	const added = body.duration === undefined ? 6 : Number(body.duration);
	if (!edit && (!Number.isInteger(added) || added < 1 || added > 10)) {
		return badArgument(res, xaiError, `duration must be between 1 and 10, got ${body.duration}.`);
	}
	const seconds = source.video.duration;
	if (edit ? seconds > 8.7 : seconds < 2 || seconds > 30) {
		const allowed = edit ? 'at most 8.7 seconds' : 'between 2 and 30 seconds';
		return badArgument(res, xaiError, `The input video must be ${allowed} long, got ${seconds}.`);
	}
	const id = randomUUID();
	jobs.set(id, {
		model: body.model ?? 'grok-imagine-video',
		duration: edit ? seconds : seconds + added,
		pendingPolls: Number(directive('polls')?.[1] ?? 2),
		polls: 0,
		end: directive('video')?.[1] ?? (directive('moderated') ? 'moderated' : 'done'),
		label: `${edit ? 'edit' : 'extension'} of (${source.video.label}): ${stripDirectives(prompt)}`,
	});
	startedIds.push(id);
	json(res, 200, { request_id: id });
}

function pollVideo(res, _body, path, { json, xaiError }) {
	const id = decodeURIComponent(path.slice('/videos/'.length));
	const job = jobs.get(id);
	if (!job) {
		return xaiError(
			res,
			404,
			'Some requested entity was not found',
			`No deferred video with request id ${id}.`,
		);
	}
	job.polls++;
	if (job.polls <= job.pendingPolls) {
		if (job.polls === 1) {
			res.writeHead(202, { 'content-length': 0 });
			return res.end();
		}
		const progress = Math.min(99, Math.round((100 * job.polls) / (job.pendingPolls + 1)));
		return json(res, 202, { status: 'pending', progress });
	}
	if (job.end === 'expired') return json(res, 200, { status: 'expired', progress: 0 });
	if (job.end === 'failed') {
		return json(res, 200, {
			status: 'failed',
			progress: 0,
			error: { code: 'internal_error', message: 'The video could not be rendered.' },
		});
	}
	const usage = { cost_in_usd_ticks: job.duration * VIDEO_SECOND_TICKS };
	if (job.end === 'moderated') {
		return json(res, 200, {
			status: 'done',
			progress: 100,
			model: job.model,
			video: { url: '', duration: job.duration, respect_moderation: false },
			usage,
		});
	}
	job.url ??= publish(
		`xai-video-${id}.mp4`,
		'video/mp4',
		makeMp4(job.label),
		job.missing,
		{ label: job.label, duration: job.duration },
		job.filler,
	);
	json(res, 200, {
		status: 'done',
		progress: 100,
		model: job.model,
		video: { url: job.url, duration: job.duration, respect_moderation: true },
		usage,
	});
}

/** A 2x2 PNG whose tEXt chunk says what it is, with `filler` random bytes in a private chunk. */
function makePng(text, filler = 0) {
	const chunk = (type, data) => {
		const head = Buffer.alloc(8);
		head.writeUInt32BE(data.length, 0);
		head.write(type, 4, 'latin1');
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
		return Buffer.concat([head, data, crc]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(2, 0);
	header.writeUInt32BE(2, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const rows = Buffer.from([0, 200, 30, 30, 30, 30, 200, 0, 30, 200, 30, 200, 200, 30]);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('tEXt', Buffer.from(`Description\0${text}`, 'latin1')),
		...(filler > 0 ? [chunk('fiLl', randomBytes(filler))] : []),
		chunk('IDAT', zlib.deflateSync(rows)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** The start of an MP4 file (its `ftyp` box), then what it shows, as text. */
function makeMp4(label) {
	const ftyp = Buffer.from('00000018667479706d703432000000006d70343269736f6d', 'hex');
	return Buffer.concat([ftyp, Buffer.from(`fake video: ${label}`)]);
}

module.exports = {
	handle,
	/** Requests the media host got, with their headers. */
	mediaRequests: () => mediaRequests,
	/** The request_id of each video job started since the last reset, as answered. */
	videoRequestIds: () => startedIds,
	reset() {
		mediaRequests.length = 0;
		startedIds.length = 0;
		largeFile.reset();
	},
	holdHalfway: largeFile.holdHalfway,
	makePng,
	IMAGE_MODELS,
	VIDEO_MODELS,
};
