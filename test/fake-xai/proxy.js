'use strict';
/**
 * A forward proxy on 127.0.0.1, as a company network has: plain http requests are forwarded
 * (absolute-form URLs), https goes through CONNECT tunnels. It records what went through it
 * (method and target, never bodies), so a test can tell whether a request took the proxy.
 */
const http = require('node:http');
const net = require('node:net');

const { closeWithConnections } = require('./close');

function startProxy() {
	const seen = [];
	const server = http.createServer((req, res) => {
		seen.push({ method: req.method, target: req.url });
		let target;
		try {
			target = new URL(req.url);
		} catch {
			res.writeHead(400).end('absolute URL expected');
			return;
		}
		const headers = { ...req.headers };
		delete headers['proxy-connection'];
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port || 80,
				method: req.method,
				path: target.pathname + target.search,
				headers,
			},
			(reply) => {
				res.writeHead(reply.statusCode ?? 502, reply.headers);
				reply.pipe(res);
			},
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	server.on('connect', (req, client, head) => {
		seen.push({ method: 'CONNECT', target: req.url });
		const [host, port] = req.url.split(':');
		const upstream = net.connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	});
	const close = closeWithConnections(server);
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}`,
				seen,
				close,
			});
		});
	});
}

module.exports = { startProxy };
