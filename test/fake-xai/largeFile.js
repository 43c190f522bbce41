'use strict';
/**
 * Large files for the fake xAI (a video of the media host, speech of /tts): a head, then `filler`
 * bytes made while they are sent, never held whole, so that a bench can send hundreds of MB. A test
 * can hold each such file halfway (holdHalfway) to look at what the client did with the first half.
 */
const { randomBytes } = require('node:crypto');

/** One block of random bytes, sent again and again as a large file's filler. */
const FILLER_BLOCK = randomBytes(64 * 1024);

/** Set by a test: awaited when a large file is half sent, before the rest is. */
let halfwayGate;

/** Sends `head`, then `filler` bytes as the socket takes them (the gate midway), then ends. */
async function sendLarge(res, head, filler) {
	const drained = () =>
		new Promise((resolve) => {
			const done = () => {
				res.off('drain', done).off('close', done);
				resolve();
			};
			res.on('drain', done).on('close', done);
		});
	if (!res.write(head)) await drained();
	let gated = !halfwayGate;
	for (let left = filler; left > 0; left -= FILLER_BLOCK.length) {
		if (!gated && left <= filler / 2) {
			gated = true;
			await halfwayGate(head.length + filler - left);
		}
		if (!res.write(FILLER_BLOCK.subarray(0, Math.min(left, FILLER_BLOCK.length)))) await drained();
		if (res.destroyed) return;
	}
	res.end();
}

/**
 * Answers 200 with a large file; a gate that throws cuts the connection there (a host that goes
 * away halfway).
 */
function serveLarge(res, type, head, filler) {
	res.writeHead(200, { 'content-type': type, 'content-length': head.length + filler });
	sendLarge(res, head, filler).catch(() => res.destroy());
}

module.exports = {
	serveLarge,
	/** Until reset, each large file waits halfway through being sent until `gate(bytesSent)`. */
	holdHalfway(gate) {
		halfwayGate = gate;
	},
	reset() {
		halfwayGate = undefined;
	},
};
