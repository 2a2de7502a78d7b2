#!/usr/bin/env bash
# Benchmark: the planning pages over PLANS open support plans in one team's caseload (10,000 unless
# set): the funding panel queue, a practitioner's caseload and the team manager's decision queue,
# requested through the Django test client on the real views, signed in as the right user. For each:
# the number of SQL queries with 100 open plans and with all of them (they must be equal: the script
# fails if not), and the server time per request (median and p95 over RUNS requests after warm-up)
# beside the floor, the page's main query executed bare with a cursor, and the ratio.
# Aim: under 300 ms on PostgreSQL on two cores.
#   PLANS=10000 RUNS=20 DATABASES="postgres sqlite" make bench-planning
# PostgreSQL runs in a cluster of its own on BENCH_PG_PORT (54343 unless set), never the test suite's.
# The plans are built once and kept while the data lives (var/bench/planning-N.sqlite3; the database
# firstperson_bench_planning_N in that cluster); KEEP_BENCH_DATABASE=1 leaves the cluster running
# afterwards so that the next run reuses what is built; otherwise the cluster is stopped (and deleted).
set -euo pipefail
cd "$(dirname "$0")/.."
PLANS=${PLANS:-10000}
RUNS=${RUNS:-20}
DATABASES=${DATABASES:-"postgres sqlite"}
BENCH_PG_PORT=${BENCH_PG_PORT:-54343}
KEEP_BENCH_DATABASE=${KEEP_BENCH_DATABASE:-0}
PY=.venv/bin/python
mkdir -p var/bench
results=var/bench/planning-results.jsonl
: > "$results"
# Local settings without DEBUG, so that the timings carry no debug bookkeeping.
export DJANGO_SETTINGS_MODULE=config.settings.local DEBUG=false

stop_pg() {
  if [[ " $DATABASES " == *" postgres "* && "$KEEP_BENCH_DATABASE" != 1 ]]; then
    FIRSTPERSON_PG_PORT=$BENCH_PG_PORT ./scripts/postgres.sh stop  # only stops a cluster these scripts started
  fi
}
trap stop_pg EXIT

status=0
for db in $DATABASES; do
  if [ "$db" = postgres ]; then
    admin=$(FIRSTPERSON_PG_PORT=$BENCH_PG_PORT ./scripts/postgres.sh start)
    name=firstperson_bench_planning_$PLANS
    psql "$admin" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 \
      || psql "$admin" -qc "CREATE DATABASE $name"
    export DATABASE_URL="${admin%/*}/$name"
  else
    export DATABASE_URL="sqlite:///$PWD/var/bench/planning-$PLANS.sqlite3"
  fi
  echo "== $db: building $PLANS open plans (skipped if already built)"
  $PY manage.py migrate -v 0
  $PY manage.py bench_planning build --plans "$PLANS"
  echo "== $db: measuring"
  out=var/bench/planning-$db.txt
  if ! $PY manage.py bench_planning measure --runs "$RUNS" | tee "$out"; then
    status=1
  fi
  tail -1 "$out" | grep '^{' >> "$results" || true
done

echo
echo "Planning pages, $PLANS open plans ($RUNS runs after warm-up; $(nproc) cores; load average now $(cut -d' ' -f1 /proc/loadavg))"
python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
print(f"{'database':<11} {'page':<26} {'queries small/all':>17} {'median ms':>10} {'p95 ms':>8} {'floor ms':>9} {'of floor':>9} {'p95 <300 ms':>12}")
for row in rows:
    for p in row["pages"]:
        queries = f"{p['queries_small']}/{p['queries_all']}"
        aim = "met" if p["p95_ms"] < 300 else "missed"
        print(f"{row['database']:<11} {p['page']:<26} {queries:>17} {p['median_ms']:>10.1f} {p['p95_ms']:>8.1f} "
              f"{p['floor_median_ms']:>9.2f} {p['of_floor'] or 0:>9.1f} {aim:>12}")
PY
exit $status
