#!/usr/bin/env bash
# `npm run test:queue`: the package on n8n queue mode, in n8n 1.123.50 and 2.41.1. Starts Redis and
# PostgreSQL on loopback in a folder of their own (installing Debian's packages if missing), then
# runs test/queue with jest: per major, n8n main and two workers (a database of its own each), the
# package installed from its tarball into each one's ~/.n8n/nodes. Everything started here is
# stopped by PID on exit, also when the test fails. QUEUE_TEST_MAJORS=2 runs one major only.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v redis-server >/dev/null || need+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
	echo "installing ${need[*]}"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

work=$(mktemp -d /tmp/grok-queue-XXXXXX)
chmod 755 "$work"
mkdir -p "$work/redis" "$work/pg"
chown postgres:postgres "$work/pg"
export QUEUE_TEST_DIR=$work QUEUE_TEST_REDIS_PORT=$(free_port) QUEUE_TEST_PG_PORT=$(free_port)

cleanup() {
	# n8n processes the test started (it writes their PIDs), then the services.
	if [ -f "$work/pids" ]; then
		while read -r pid; do kill -TERM "$pid" 2>/dev/null || true; done <"$work/pids"
		sleep 2
		while read -r pid; do kill -KILL "$pid" 2>/dev/null || true; done <"$work/pids"
	fi
	[ -f "$work/redis/redis.pid" ] && kill "$(cat "$work/redis/redis.pid")" 2>/dev/null || true
	su postgres -s /bin/sh -c "cd / && $pgbin/pg_ctl -D $work/pg/data -m immediate stop" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

redis-server --port "$QUEUE_TEST_REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$work/redis" \
	--pidfile "$work/redis/redis.pid" --logfile "$work/redis/redis.log" --save '' --appendonly no
su postgres -s /bin/sh -c "cd / && $pgbin/initdb -D $work/pg/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -s /bin/sh -c "cd / && $pgbin/pg_ctl -D $work/pg/data -l $work/pg/pg.log -o '-c listen_addresses=127.0.0.1 -p $QUEUE_TEST_PG_PORT -k $work/pg' -w start" >/dev/null
# The test creates one database per n8n major, owned by this user.
psql -q -h 127.0.0.1 -p "$QUEUE_TEST_PG_PORT" -U postgres -c "CREATE USER n8n PASSWORD 'n8n'"
echo "redis on $QUEUE_TEST_REDIS_PORT, postgresql on $QUEUE_TEST_PG_PORT"

start=$SECONDS
npx jest -c jest.queue.config.js "$@"
echo "queue-mode test: $((SECONDS - start)) s"
