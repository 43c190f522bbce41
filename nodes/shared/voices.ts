/** The voices that speech can be made in: xAI's list, else the documented ones. */
import { getJson } from './accountRequest';
import { notA, XaiRequestError } from './errors';
import type { XaiClient } from './transport';

export interface XaiVoice {
	id: string;
	name?: string;
}

/** The voices xAI documents, for a server that does not list voices (a proxy, say). */
export const DOCUMENTED_VOICES: XaiVoice[] = [
	{ id: 'eve', name: 'Eve' },
	{ id: 'ara', name: 'Ara' },
	{ id: 'rex', name: 'Rex' },
	{ id: 'sal', name: 'Sal' },
	{ id: 'leo', name: 'Leo' },
];

/** Voices from GET /tts/voices (custom voices of the team included), else the documented ones. */
export async function listVoices(client: XaiClient): Promise<XaiVoice[]> {
	const missing = Symbol('no /tts/voices');
	const reply = await getJson(client, '/tts/voices').catch((error: unknown) =>
		error instanceof XaiRequestError && error.status === 404 ? missing : Promise.reject(error),
	);
	if (reply === missing) return DOCUMENTED_VOICES;
	const voices = (reply as { voices?: unknown })?.voices;
	if (!Array.isArray(voices)) throw notA('a voice list', reply);
	return voices
		.filter((voice): voice is { voice_id: string; name?: unknown } => {
			return typeof (voice as { voice_id?: unknown } | null)?.voice_id === 'string';
		})
		.map(({ voice_id, name }) => ({
			id: voice_id,
			...(typeof name === 'string' && name && { name }),
		}));
}
