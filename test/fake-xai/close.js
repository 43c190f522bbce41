'use strict';
/**
 * Closing a stand-in server at once: server.close() alone waits for every open connection (a
 * keep-alive one, a stalled answer, a CONNECT tunnel), so the servers destroy them first.
 */

/**
 * Tracks the connections `server` accepts; the returned close() destroys those still open and
 * resolves once the server is closed.
 */
function closeWithConnections(server) {
	const sockets = new Set();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return () =>
		new Promise((done) => {
			for (const socket of sockets) socket.destroy();
			server.close(() => done());
		});
}

module.exports = { closeWithConnections };
