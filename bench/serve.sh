#!/bin/sh
# Start the app under gunicorn (-w $WORKERS, default 2; DEBUG=false; Redis as its cache, as in production) on
# 127.0.0.1:8011 and, with "datasette", Datasette
# on the SQLite copy (defaults on :8012, --setting suggest_facets off on :8013). Writes the PIDs to
# /tmp/chiso-bench/*.pid; bench/stop.sh stops them.   DB=chiso_bench1m sh bench/serve.sh [datasette]
set -eu
cd "$(dirname "$0")/.."
DB=${DB:-chiso_bench1m}
RUN=/tmp/chiso-bench
mkdir -p $RUN
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
export DEBUG=false SECRET_KEY=bench-only-not-a-secret ALLOWED_HOSTS=127.0.0.1
export CACHE_URL=${CACHE_URL:-redis://127.0.0.1:6379/2}  # production's shared cache
export API_ANON_RATE=${API_ANON_RATE:-100000/min}  # a benchmark is not to be throttled (the throttle's count still runs)
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/gunicorn -w "${WORKERS:-2}" -b 127.0.0.1:8011 --access-logfile /dev/null --error-logfile $RUN/gunicorn.log \
    --pid $RUN/gunicorn.pid --daemon config.wsgi
if [ "${1:-}" = datasette ]; then
    [ -f $RUN/kb.db ] || .venv/bin/python bench/export_sqlite.py "$DATABASE_URL" $RUN/kb.db
    .venv/bin/datasette serve $RUN/kb.db -h 127.0.0.1 -p 8012 >$RUN/datasette.log 2>&1 & echo $! >$RUN/datasette.pid
    .venv/bin/datasette serve $RUN/kb.db -h 127.0.0.1 -p 8013 --setting suggest_facets off \
        >$RUN/datasette-tuned.log 2>&1 & echo $! >$RUN/datasette-tuned.pid
fi
for port in 8011 8012 8013; do  # wait (at most 30 s) for each server that was started
    [ $port = 8011 ] || [ "${1:-}" = datasette ] || continue
    for _ in $(seq 60); do curl -s -o /dev/null http://127.0.0.1:$port/ && break; sleep 0.5; done
done
echo "serving: app http://127.0.0.1:8011${1:+, datasette http://127.0.0.1:8012 and :8013 (tuned)}"
