import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HostileRequest {
	method: string;
	url: string;
	headers: Record<string, string | string[] | undefined>;
	body: any;
}

export type HostileHandler = (
	req: IncomingMessage,
	res: ServerResponse,
	body: any,
	count: number,
) => unknown;

export interface Hostile {
	url: string;
	origin: string;
	requests: HostileRequest[];
	answer(handler: HostileHandler): void;
	close(): Promise<void>;
}

export function startHostile(): Promise<Hostile>;
export function sseData(value: unknown): string;
export function chunk(delta: object, finish?: string | null): string;
export function sseHead(res: ServerResponse): void;
