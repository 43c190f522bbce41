const path = require('path');
const { task, src, dest } = require('gulp');

// tsc emits only JavaScript: the node and credential icons are copied beside it.
task('build:icons', () =>
	src(['icons/*.svg', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest(path.resolve('dist'))),
);
