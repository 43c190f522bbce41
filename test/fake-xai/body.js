'use strict';
/**
 * Reads a request's whole body: parsed JSON, the raw text when it is not JSON, or undefined. The
 * bytes as sent stay on `req.rawBody`, for uploads (multipart audio) that text would garble.
 */
function readBody(req, onBody) {
	const chunks = [];
	req.on('data', (chunk) => chunks.push(chunk));
	req.on('end', () => {
		req.rawBody = Buffer.concat(chunks);
		const raw = req.rawBody.toString('utf8');
		let body;
		try {
			body = raw ? JSON.parse(raw) : undefined;
		} catch {
			body = raw;
		}
		onBody(body);
	});
}

module.exports = { readBody };
