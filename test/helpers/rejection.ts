/** The error `run` throws, checked to be a `type`; fails the test when it throws none. */
export function rejectionOf<E extends Error>(
	run: () => unknown,
	type: new (...args: never[]) => E,
): E {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(type);
		return error as E;
	}
	throw new Error(`expected a ${type.name}`);
}
