#!/usr/bin/env bash
# Benchmark: the ORUK API over a synthetic directory of SERVICES services (two locations each), on
# PostgreSQL and on SQLite, at 1, 4 and 16 concurrent clients, beside the bare-SQL floor of the same
# query mix. Medians over RUNS runs. Everything runs on 127.0.0.1 and stops by itself.
#   SERVICES=100000 RUNS=3 SECONDS_PER_RUN=10 make bench-directory
# PostgreSQL runs in a cluster of its own (BENCH_PG_PORT), never the test suite's. Building 100,000
# services there takes minutes: KEEP_BENCH_DATABASE=1 leaves the cluster running afterwards, and the
# next run reuses the data already built (bench_directory build skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
SERVICES=${SERVICES:-100000}
RUNS=${RUNS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
WORKERS=${WORKERS:-4}
PORT=${PORT:-8766}
DATABASES=${DATABASES:-"postgres sqlite"}
BENCH_PG_PORT=${BENCH_PG_PORT:-54339}
KEEP_BENCH_DATABASE=${KEEP_BENCH_DATABASE:-0}
PY=.venv/bin/python
mkdir -p var/bench
urls=var/bench/urls.txt
results=var/bench/results.txt
: > "$results"

median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }

for db in $DATABASES; do
  if [ "$db" = postgres ]; then
    admin=$(FIRSTPERSON_PG_PORT=$BENCH_PG_PORT ./scripts/postgres.sh start)
    base=${admin%/*}
    psql "$admin" -qtAc "SELECT 1 FROM pg_database WHERE datname = 'firstperson_bench'" | grep -q 1 \
      || psql "$admin" -qc "CREATE DATABASE firstperson_bench"
    export DATABASE_URL="$base/firstperson_bench"
  else
    export DATABASE_URL="sqlite:///$PWD/var/bench/directory-$SERVICES.sqlite3"
  fi
  echo "== $db: building $SERVICES services (skipped if already built)"
  DJANGO_SETTINGS_MODULE=config.settings.local $PY manage.py migrate -v 0
  DJANGO_SETTINGS_MODULE=config.settings.local $PY manage.py bench_directory build --services "$SERVICES"
  DJANGO_SETTINGS_MODULE=config.settings.local $PY manage.py bench_directory urls "$urls"

  DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$(python3 -c "print('b' * 64)") \
    ALLOWED_HOSTS=127.0.0.1 SITE_URL=https://127.0.0.1 SECURE_SSL_REDIRECT=false DATABASE_CONN_MAX_AGE=600 \
    .venv/bin/gunicorn config.wsgi --workers "$WORKERS" --bind "127.0.0.1:$PORT" --log-level warning &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 60); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
  $PY scripts/load_client.py --port "$PORT" --concurrency 4 --seconds 3 --urls "$urls" >/dev/null  # warm up

  for concurrency in 1 4 16; do
    rps=(); p50=(); p95=(); p99=()
    for run in $(seq "$RUNS"); do
      line=$($PY scripts/load_client.py --port "$PORT" --concurrency "$concurrency" --seconds "$SECONDS_PER_RUN" --urls "$urls")
      echo "   $db c=$concurrency run $run: $line"
      rps+=("$(echo "$line" | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests_per_second"])')")
      p50+=("$(echo "$line" | python3 -c 'import json,sys; print(json.load(sys.stdin)["p50_ms"])')")
      p95+=("$(echo "$line" | python3 -c 'import json,sys; print(json.load(sys.stdin)["p95_ms"])')")
      p99+=("$(echo "$line" | python3 -c 'import json,sys; print(json.load(sys.stdin)["p99_ms"])')")
    done
    echo "$db $concurrency $(median "${rps[@]}") $(median "${p50[@]}") $(median "${p95[@]}") $(median "${p99[@]}")" >> "$results"
  done
  kill "$server"; wait "$server" 2>/dev/null || true
  trap - EXIT

  floors=()
  for run in $(seq "$RUNS"); do
    line=$(DJANGO_SETTINGS_MODULE=config.settings.local $PY manage.py bench_directory floor --seconds "$SECONDS_PER_RUN")
    floors+=("$(echo "$line" | python3 -c 'import json,sys; print(json.load(sys.stdin)["floor_requests_per_second"])')")
  done
  echo "$db floor $(median "${floors[@]}")" >> "$results"
done

if [ "$KEEP_BENCH_DATABASE" != 1 ]; then
  FIRSTPERSON_PG_PORT=$BENCH_PG_PORT ./scripts/postgres.sh stop  # only stops a cluster these scripts started
fi

echo
echo "ORUK API, $SERVICES services x 2 locations, query mix of 6 (medians of $RUNS runs of ${SECONDS_PER_RUN}s, $WORKERS gunicorn workers)"
python3 - "$results" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
floors = {r[0]: float(r[2]) for r in rows if r[1] == "floor"}
print(f"{'database':<10} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'floor req/s':>12} {'of floor':>9}")
for r in rows:
    if r[1] == "floor":
        continue
    db, c, rps, p50, p95, p99 = r[0], r[1], *map(float, r[2:])
    floor = floors.get(db, float("nan"))
    print(f"{db:<10} {c:>7} {rps:>8.1f} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} {floor:>12.1f} {rps / floor:>9.2f}")
PY
