/**
 * The media download policy as a pure rule (no connection): https to public addresses, anything
 * on the Base URL's host, nothing else.
 */
import { isAllowedMediaUrl, isPrivateIp } from '../../../nodes/shared/transport';

const XAI = 'https://api.x.ai/v1';
const LOCAL_GATEWAY = 'http://127.0.0.1:8080/v1';

describe('media downloads: where a file may come from', () => {
	it.each([
		'https://imgen.x.ai/xai-imgen/a.jpg',
		'https://vidgen.x.ai/b.mp4',
		'https://cdn.example.com:8443/c.png',
		'https://8.8.8.8/d.png',
		'https://172.32.0.1/e.png', // just outside 172.16/12
		'https://[2001:4860:4860::8888]/f.png',
		'https://api.x.ai/files/g.png',
	])('allows %s', (url) => expect(isAllowedMediaUrl(url, XAI)).toBe(true));

	it.each([
		'http://imgen.x.ai/a.jpg', // plain http to another host
		'http://127.0.0.1:9/admin/secret',
		'https://127.0.0.1/a.png',
		'https://127.1.2.3/a.png',
		'https://0x7f.1/a.png', // 127.0.0.1 as the URL parser reads it
		'https://2130706433/a.png',
		'https://10.0.0.5/a.png',
		'https://172.16.0.1/a.png',
		'https://172.31.255.255/a.png',
		'https://192.168.1.1/a.png',
		'https://169.254.169.254/latest/meta-data',
		'https://0.0.0.0/a.png',
		'https://100.64.0.1/a.png',
		'https://224.0.0.1/a.png',
		'https://[::1]/a.png',
		'https://[::]/a.png',
		'https://[fc00::1]/a.png',
		'https://[fd12:3456::1]/a.png',
		'https://[fe80::1]/a.png',
		'https://[::ffff:127.0.0.1]/a.png',
		'https://[::ffff:10.1.2.3]/a.png',
		'https://[64:ff9b::a9fe:a9fe]/a.png', // NAT64 of 169.254.169.254
		'https://localhost/a.png',
		'https://files.localhost/a.png',
		'file:///etc/passwd',
		'ftp://imgen.x.ai/a.jpg',
		'not a url',
	])('refuses %s', (url) => expect(isAllowedMediaUrl(url, XAI)).toBe(false));

	it("allows the Base URL's own host on any port and over http, and no other local host", () => {
		expect(isAllowedMediaUrl('http://127.0.0.1:8080/files/a.png', LOCAL_GATEWAY)).toBe(true);
		expect(isAllowedMediaUrl('http://127.0.0.1:9999/files/a.png', LOCAL_GATEWAY)).toBe(true);
		expect(isAllowedMediaUrl('https://127.0.0.1/files/a.png', LOCAL_GATEWAY)).toBe(true);
		expect(isAllowedMediaUrl('http://127.0.0.2:8080/files/a.png', LOCAL_GATEWAY)).toBe(false);
		expect(isAllowedMediaUrl('https://127.0.0.2/files/a.png', LOCAL_GATEWAY)).toBe(false);
		expect(isAllowedMediaUrl('http://gw.internal/a.png', 'http://gw.internal:3000/v1')).toBe(true);
	});

	it('reads literal IPs only; names are not resolved', () => {
		expect(isPrivateIp('192.168.0.1')).toBe(true);
		expect(isPrivateIp('[fe80::1]')).toBe(true);
		expect(isPrivateIp('1.1.1.1')).toBe(false);
		expect(isPrivateIp('internal.example.com')).toBe(false);
	});
});
