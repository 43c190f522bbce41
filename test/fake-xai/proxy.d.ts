export interface ProxySeen {
	method: string;
	target: string;
}

export interface ForwardProxy {
	url: string;
	seen: ProxySeen[];
	close(): Promise<void>;
}

export function startProxy(): Promise<ForwardProxy>;
