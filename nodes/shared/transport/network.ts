/**
 * The way out of this machine: every request of the package (the SDK's and media downloads) goes
 * through `netFetch`, which honours the host's proxy settings as n8n's own AI nodes do.
 *
 * `https_proxy` / `HTTPS_PROXY` for https addresses, `http_proxy` / `HTTP_PROXY` for http ones
 * (and for https ones when no https proxy is set, as undici does), lowercase first; `no_proxy` /
 * `NO_PROXY` lists hosts reached directly (names match their subdomains, `host:port` only that
 * port, `*` every host; CIDR ranges are not understood). Plain http is forwarded to the proxy as
 * is, https goes through a CONNECT tunnel. With no proxy set, Node's own fetch is used untouched.
 */
import { EnvHttpProxyAgent, type Dispatcher } from 'undici';

type Env = Record<string, string | undefined>;

/** One agent per proxy setting, kept for the process: its connections are reused across runs. */
const agents = new Map<string, Dispatcher>();

const first = (env: Env, names: string[]) =>
	names.map((name) => env[name]?.trim()).find((value) => value) ?? undefined;

/** The proxy settings of `env`, or undefined when no proxy is set. */
export function proxySettings(env: Env = process.env) {
	const httpProxy = first(env, ['http_proxy', 'HTTP_PROXY']);
	const httpsProxy = first(env, ['https_proxy', 'HTTPS_PROXY']) ?? httpProxy;
	if (!httpProxy && !httpsProxy) return undefined;
	const noProxy = first(env, ['no_proxy', 'NO_PROXY']) ?? '';
	return { httpProxy, httpsProxy, noProxy };
}

/** The dispatcher for the current environment's proxies, or undefined to go direct. */
export function proxyDispatcher(env: Env = process.env): Dispatcher | undefined {
	const settings = proxySettings(env);
	if (!settings) return undefined;
	const key = JSON.stringify(settings);
	let agent = agents.get(key);
	if (!agent) {
		agent = new EnvHttpProxyAgent({
			...settings,
			// Plain http is forwarded as curl does; many proxies allow CONNECT to port 443 only.
			proxyTunnel: false,
			// Each request's own deadline (the Timeout option) governs, not undici's 300 s defaults.
			headersTimeout: 0,
			bodyTimeout: 0,
		});
		agents.set(key, agent);
	}
	return agent;
}

/** Node's fetch, through the proxy the environment names for `input`'s host, if any. */
export async function netFetch(input: string | URL | Request, init?: RequestInit) {
	const dispatcher = proxyDispatcher();
	if (!dispatcher) return await fetch(input, init);
	// `dispatcher` is undici's extension of fetch's options, which Node's fetch understands; the
	// types of @types/node's undici and of the undici package differ, not the objects.
	return await fetch(input, { ...init, dispatcher } as unknown as RequestInit);
}
