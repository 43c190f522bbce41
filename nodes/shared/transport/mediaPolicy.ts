/**
 * Where a file xAI made may be fetched from. xAI's replies name the URL, so a reply that is not
 * xAI's (a hostile gateway, a tampered Base URL) must not make n8n fetch internal addresses.
 *
 * The rule: over https to a public address, or to the Base URL's own host (any port and scheme,
 * so tests and on-premise gateways work). Plain http to any other host is refused, and so is
 * https to a literal private, loopback, link-local or unspecified IP, or to `localhost`.
 * Hostnames are not resolved here: a public name that resolves to a private address is not
 * caught (the name came from xAI's own reply, and pinning the resolved address would need a
 * connector of its own); redirects are checked hop by hop by the download itself.
 */

/** Why `url` may not be fetched with `baseUrl` as the API's address, or undefined if it may. */
export function mediaUrlRefusal(url: URL, baseUrl: string): string | undefined {
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'it is not http(s)';
	if (URL.canParse(baseUrl) && new URL(baseUrl).hostname === url.hostname) return undefined;
	if (url.protocol !== 'https:') return 'plain http is fetched from the Base URL host only';
	if (isLocalName(url.hostname) || isPrivateIp(url.hostname)) {
		return 'it is a private, loopback or link-local address';
	}
	return undefined;
}

export function isAllowedMediaUrl(url: string, baseUrl: string): boolean {
	return URL.canParse(url) && mediaUrlRefusal(new URL(url), baseUrl) === undefined;
}

function isLocalName(hostname: string): boolean {
	const name = hostname.toLowerCase().replace(/\.$/, '');
	return name === 'localhost' || name.endsWith('.localhost');
}

/** A literal IP (as the URL parser writes it) in a range that is not the public internet. */
export function isPrivateIp(hostname: string): boolean {
	if (hostname.startsWith('[') && hostname.endsWith(']'))
		return isPrivateIpv6(hostname.slice(1, -1));
	const parts = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(hostname)?.slice(1).map(Number);
	return parts !== undefined && isPrivateIpv4(parts);
}

function isPrivateIpv4([a, b]: number[]): boolean {
	return (
		a === 0 || // "this network", 0.0.0.0 included
		a === 10 ||
		a === 127 ||
		(a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		a >= 224 // multicast and reserved
	);
}

function isPrivateIpv6(address: string): boolean {
	const groups = expandIpv6(address.toLowerCase());
	if (!groups) return true; // not an address this check understands: not fetched
	if (groups.slice(0, 7).every((group) => group === 0) && groups[7] <= 1) return true; // :: and ::1
	const [first] = groups;
	if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7, unique local
	if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10, link-local
	if ((first & 0xff00) === 0xff00) return true; // multicast
	// An IPv4 address inside IPv6 (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d): judged as IPv4.
	const embedsIpv4 =
		groups.slice(0, 5).every((group) => group === 0) && (groups[5] === 0xffff || groups[5] === 0);
	const nat64 = first === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
	if (embedsIpv4 || nat64) {
		return isPrivateIpv4([groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff]);
	}
	return false;
}

/** Eight 16-bit groups of an IPv6 address as the URL parser writes it (hex, `::` compressed). */
function expandIpv6(address: string): number[] | undefined {
	const halves = address.split('::');
	if (halves.length > 2) return undefined;
	const parse = (half: string) => (half ? half.split(':').map((group) => parseInt(group, 16)) : []);
	const head = parse(halves[0]);
	const tail = halves.length === 2 ? parse(halves[1]) : [];
	const missing = 8 - head.length - tail.length;
	if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
	const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
	return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff)
		? groups
		: undefined;
}
