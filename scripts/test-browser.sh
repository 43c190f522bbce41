#!/usr/bin/env bash
# `npm run test:browser`: the editor journey in a real browser (test/browser). Installs Debian's
# chromium if missing, then runs the journey in real n8n 1.123.50 and 2.41.1 (N8N_BROWSER_MAJORS=1
# for 1.x only). A failed step leaves a screenshot in test-results/browser/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null; then
	echo "installing chromium"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

start=$SECONDS
npx jest -c jest.browser.config.js "$@"
echo "browser test: $((SECONDS - start)) s"
