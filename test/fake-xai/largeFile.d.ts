/**
 * Until reset, each large file the fake sends (`[bytes:N]`: a video of the media host, speech of
 * /tts) waits halfway through until `gate(bytesSent)` settles; a gate that throws cuts it there.
 */
export function holdHalfway(gate: (bytesSent: number) => Promise<unknown>): void;
export function reset(): void;
