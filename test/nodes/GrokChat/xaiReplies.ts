/** Replies a test's stand-in for xAI sends: a JSON body, and a chat completion around a message. */
import type { ServerResponse } from 'node:http';

import type { IDataObject } from 'n8n-workflow';

export function sendJson(res: ServerResponse, body: unknown): void {
	res.writeHead(200, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

/** A whole chat completion whose one choice is `message`, finished with "stop". */
export const completion = (message: IDataObject, fields: IDataObject = {}) => ({
	id: 'c1',
	object: 'chat.completion',
	created: 1,
	model: 'grok-4.3',
	choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }],
	...fields,
});
