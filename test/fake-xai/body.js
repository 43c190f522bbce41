'use strict';
/** Reads a request's whole body: parsed JSON, the raw text when it is not JSON, or undefined. */
function readBody(req, onBody) {
	let raw = '';
	req.setEncoding('utf8');
	req.on('data', (chunk) => (raw += chunk));
	req.on('end', () => {
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
