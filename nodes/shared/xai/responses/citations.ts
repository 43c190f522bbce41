/** The sources a response cites: its url_citation annotations. */
import { partsOf, itemsOf } from './reply';
import type { Citation, XaiResponse } from './types';

/** Cited sources in order of first citation, once per URL; a title that says nothing is left out. */
export function citationsOf(response: XaiResponse): Citation[] {
	const citations = new Map<string, Citation>();
	for (const part of itemsOf(response, 'message').flatMap((item) => partsOf(item, 'content'))) {
		for (const annotation of partsOf(part, 'annotations')) {
			const { type, url, title } = annotation;
			if (type !== 'url_citation' || typeof url !== 'string' || !url) continue;
			const known = citations.get(url);
			const usable =
				typeof title === 'string' && title.trim() && title !== url && !/^\d+$/.test(title.trim());
			if (!known) citations.set(url, usable ? { url, title: title.trim() } : { url });
			else if (usable && known.title === undefined) known.title = title.trim();
		}
	}
	return [...citations.values()];
}
