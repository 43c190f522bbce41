'use strict';
/**
 * A deliberately hostile stand-in for xAI: a real HTTP server on 127.0.0.1 whose every answer a
 * test writes itself (stalls, resets, cut-off bodies, HTML, echoed headers), to prove what the
 * node makes of replies that are not what xAI promised.
 */
const http = require('node:http');

const { readBody } = require('./body');
const { closeWithConnections } = require('./close');

/** `handler(req, res, body, count)` answers each request; `count` starts at 1. */
function startHostile() {
	const requests = [];
	let handler = (req, res) => res.end();
	const server = http.createServer((req, res) => {
		readBody(req, (body) => {
			requests.push({ method: req.method, url: req.url, headers: req.headers, body });
			Promise.resolve(handler(req, res, body, requests.length)).catch(() => req.socket.destroy());
		});
	});
	const close = closeWithConnections(server);
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}/v1`,
				origin: `http://127.0.0.1:${port}`,
				requests,
				answer(next) {
					handler = next;
					requests.length = 0;
				},
				close,
			});
		});
	});
}

/** SSE helpers: one event whose data is `value` as JSON. */
const sseData = (value) => `data: ${JSON.stringify(value)}\n\n`;

/** A chat chunk with a content delta, and the finishing chunks. */
const chunk = (delta, finish = null) =>
	sseData({
		id: 'c1',
		object: 'chat.completion.chunk',
		created: 1,
		model: 'grok-3',
		choices: [{ index: 0, delta, finish_reason: finish }],
	});

function sseHead(res) {
	res.writeHead(200, { 'content-type': 'text/event-stream' });
}

module.exports = { startHostile, chunk, sseData, sseHead };
