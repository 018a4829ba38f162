#!/bin/sh
# 30 s of wrk at 32 connections on a mix of list, detail and search pages of the app on 127.0.0.1:8011
# (start it with bench/serve.sh). Bounded: -d 30s, each request times out after 10 s.
#   DB=chiso_bench1m sh bench/load.sh
set -eu
cd "$(dirname "$0")/.."
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/${DB:-chiso_bench1m}
.venv/bin/python bench/pages.py --paths > /tmp/chiso-bench/paths.txt
cat /tmp/chiso-bench/paths.txt
wrk -t 2 -c 32 -d 30s --timeout 10s --latency -s bench/mix.lua http://127.0.0.1:8011 -- /tmp/chiso-bench/paths.txt
