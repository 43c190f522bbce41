/** Audio in `codec` that carries `text`: transcribing it with the fake xAI gives `text` back. */
export function fakeSpeech(
	text: string,
	codec?: 'mp3' | 'wav' | 'pcm' | 'mulaw' | 'alaw',
	sampleRate?: number,
): Buffer;

/** The text fake audio carries, or undefined for any other audio. */
export function spokenText(bytes: Buffer): string | undefined;
