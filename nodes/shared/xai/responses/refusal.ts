/**
 * A model's refusal, whichever API carried it (a `refusal` content part of a response, or a chat
 * completion's `message.refusal`): an item error with xAI's own words, never an empty success.
 */
import { XaiResultError } from '../../errors';

export function refusedError(refusal: string): XaiResultError {
	return new XaiResultError(
		`The model refused to answer: ${refusal}`,
		'The model declined this request: rephrase the messages, or route refused items on the error output',
		{ refusal },
	);
}

/** A non-empty refusal text, or undefined. */
export const refusalOf = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() ? value : undefined;
