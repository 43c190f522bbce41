#!/usr/bin/env bash
# `npm run test:install`: Settings → Community Nodes → Install, from a local registry, in real n8n
# 1.123.50 and 2.41.1 (test/install). Installs the registry (verdaccio, pinned by its own lock file in
# test/install/verdaccio) on first use, then runs the test.
set -euo pipefail
cd "$(dirname "$0")/.."

registry=test/install/verdaccio
if ! cmp -s "$registry/package-lock.json" "$registry/node_modules/.installed-from-lock" 2>/dev/null; then
	echo "installing the local registry (verdaccio)"
	npm ci --prefix "$registry" --ignore-scripts --no-audit --no-fund --loglevel=error
	cp "$registry/package-lock.json" "$registry/node_modules/.installed-from-lock"
fi

start=$SECONDS
npx jest -c jest.install.config.js "$@"
echo "install test: $((SECONDS - start)) s"
