'use strict';
/**
 * Function tools (an agent's own tools) on the fake xAI's /responses, as an agent's model uses
 * them. responses.js asks `nextFunctionCall` first: while the request offers function tools and the
 * outputs of the calls it plans are not all back, the response is one `function_call` item (no
 * text, no built-in tool runs); once they are, `functionAnswer` gives the final text.
 *
 * Plan: one call per arithmetic expression in the last user message ("What is 6 * 7 and 2 + 3?"
 * makes two calls, one after the other: multi-step tool use), or one call when there is none. The
 * called tool is the one named by [tool:name], else the first function tool; each of its string
 * arguments gets the expression (or the prompt without directives). Only the items after the last
 * user message count, so a conversation's earlier turns do not.
 *
 * Streamed, a call goes out as xAI sends it: response.output_item.added (arguments ""), then
 * response.function_call_arguments.delta in pieces, .done, and response.output_item.done.
 */

const EXPRESSION = /\d+(?:\.\d+)?(?:\s*[-+*/^]\s*\d+(?:\.\d+)?)+/g;

function turnItems(items) {
	let last = -1;
	items.forEach((item, index) => {
		if ((item.type === undefined || item.type === 'message') && item.role === 'user') last = index;
	});
	return items.slice(last + 1);
}

/** The function_call item to answer with, or undefined when the model answers in text now. */
function nextFunctionCall(id, tools, items, asked, toolName, refuse) {
	const functions = tools.filter((tool) => tool.type === 'function');
	if (functions.length === 0) return undefined;
	const tool = toolName ? functions.find((f) => f.name === toolName) : functions[0];
	if (!tool) {
		const offered = functions.map((f) => f.name).join(', ');
		throw refuse(400, `No tool named ${toolName} was offered (offered: ${offered})`);
	}
	const expressions = asked.match(EXPRESSION) ?? [];
	const done = turnItems(items).filter((item) => item.type === 'function_call_output').length;
	if (done >= Math.max(1, expressions.length)) return undefined;
	const value = expressions[done] ?? asked;
	const properties = tool.parameters?.properties ?? {};
	const args = Object.fromEntries(
		Object.entries(properties)
			.filter(([, schema]) => schema.type === 'string')
			.map(([name]) => [name, value]),
	);
	return {
		id: `fc_${id}_${done}`,
		type: 'function_call',
		call_id: `call_${id}_${done}`,
		name: tool.name,
		arguments: JSON.stringify(args),
		status: 'completed',
	};
}

/** "Answer from <tool>: <output>[; <tool>: <output>]" once outputs came back, else undefined. */
function functionAnswer(items) {
	const turn = turnItems(items);
	const names = new Map(
		turn.filter((item) => item.type === 'function_call').map((item) => [item.call_id, item.name]),
	);
	const outputs = turn.filter((item) => item.type === 'function_call_output');
	if (outputs.length === 0) return undefined;
	const parts = outputs.map((item) => `${names.get(item.call_id) ?? 'tool'}: ${item.output}`);
	return `Answer from ${parts.join('; ')}`;
}

/** The SSE events of a function_call item, as [type, fields] pairs. */
function* functionCallEvents(item, output_index, fragments) {
	const at = { item_id: item.id, output_index };
	yield ['response.output_item.added', { item: { ...item, arguments: '' }, output_index }];
	for (const delta of fragments(item.arguments)) {
		yield ['response.function_call_arguments.delta', { ...at, delta }];
	}
	yield ['response.function_call_arguments.done', { ...at, arguments: item.arguments }];
	yield ['response.output_item.done', { item, output_index }];
}

module.exports = { nextFunctionCall, functionAnswer, functionCallEvents };
