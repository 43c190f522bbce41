/** One fake xAI per test file: started before its tests, reset before each, closed after. */
import { startFakeXai, type FakeXai, type FakeXaiOptions } from '../fake-xai/server';

/**
 * Returns the running fake (call it inside tests); `beforeEach` runs after the reset, to put back
 * what a test may have changed.
 */
export function useFakeXai(
	options?: FakeXaiOptions,
	beforeEachTest?: (fake: FakeXai) => void,
): () => FakeXai {
	let fake: FakeXai | undefined;
	beforeAll(async () => {
		fake = await startFakeXai(options);
	});
	afterAll(async () => await fake?.close());
	beforeEach(() => {
		fake?.reset();
		if (fake) beforeEachTest?.(fake);
	});
	return () => {
		if (!fake) throw new Error('the fake xAI is not running: call this inside a test');
		return fake;
	};
}
