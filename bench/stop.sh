#!/bin/sh
# Stop the servers bench/serve.sh started (by their PID files only).
for name in gunicorn datasette datasette-tuned; do
    pidfile=/tmp/chiso-bench/$name.pid
    [ -f $pidfile ] && kill "$(cat $pidfile)" 2>/dev/null && echo "stopped $name"
    rm -f $pidfile
done
exit 0
