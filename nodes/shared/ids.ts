/**
 * IDs that go into a URL's path (a batch, a video request): each must stay one path segment that
 * names exactly it. "..", "." or a "/" would make GET /v1/batches/{id} another path (the list, the
 * API root), and a control character or line break has no place in an ID.
 */

/** Why `id` cannot be one path segment, or undefined when it can. */
export function pathSegmentProblem(id: string): string | undefined {
	if (/^\.*$/.test(id)) return 'it is empty or only dots';
	if (/[/\\]/.test(id)) return 'it contains a slash';
	if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(id)) {
		return 'it contains a control character or a line break';
	}
	return undefined;
}

/** Whether `id` is text that can be one path segment naming exactly it. */
export function isPathSegment(id: unknown): id is string {
	return typeof id === 'string' && pathSegmentProblem(id) === undefined;
}
