#!/usr/bin/env bash
# Benchmark: the resource allocation system over N synthetic assessments (17 answers each): the pure
# rule's throughput in one process; the bulk recalculation (the background job, as it runs in
# production) in rows per second on PostgreSQL and on SQLite; and the same arithmetic vectorised with
# numpy as the floor, with the ratio. Medians over RUNS runs. The synthetic databases are built once
# and kept: SQLite in var/bench/, PostgreSQL in a cluster of its own on FIRSTPERSON_PG_PORT (54333
# unless set), left running so the next run reuses it; `KEEP_PG=0` stops it at the end (which deletes it).
#   N=1000000 RUNS=3 make bench-ras
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
RUNS=${RUNS:-3}
CHUNK=${CHUNK:-10000}
DATABASES=${DATABASES:-"postgres sqlite"}
KEEP_PG=${KEEP_PG:-1}
export FIRSTPERSON_PG_PORT=${FIRSTPERSON_PG_PORT:-54333}
# A quarter of the machine's memory for PostgreSQL's buffers (the usual advice for a database
# server; the default of 128 MB holds a tenth of a million budgets), and room for the write-ahead log
# of a million new rows between checkpoints. Applied when this script starts the cluster.
memory_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 ))
export FIRSTPERSON_PG_SETTINGS=${FIRSTPERSON_PG_SETTINGS:-"-c shared_buffers=$(( memory_mb / 4 ))MB -c max_wal_size=8GB -c checkpoint_timeout=30min"}
PY=.venv/bin/python
mkdir -p var/bench
results=var/bench/ras-results.txt
: > "$results"
export DJANGO_SETTINGS_MODULE=config.settings.local

median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
field() { python3 -c "import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])[sys.argv[1]])" "$1"; }

for db in $DATABASES; do
  if [ "$db" = postgres ]; then
    admin=$(./scripts/postgres.sh start)
    base=${admin%/*}
    name=firstperson_bench_ras_$N
    psql "$admin" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 \
      || psql "$admin" -qc "CREATE DATABASE $name"
    # bench_ras checkpoints before each timed run (its `checkpoint`), which the service's role may
    # do only once granted it.
    PGOPTIONS="-c client_min_messages=warning" \
      psql "postgres://postgres@127.0.0.1:$FIRSTPERSON_PG_PORT/postgres" -qc "GRANT pg_checkpoint TO firstperson" \
      || echo "Could not grant pg_checkpoint: the runs will not start from a checkpoint." >&2
    export DATABASE_URL="$base/$name"
  else
    export DATABASE_URL="sqlite:///$PWD/var/bench/ras-$N.sqlite3"
  fi
  echo "== $db: building $N assessments (skipped if already built)"
  $PY manage.py migrate -v 0
  $PY manage.py bench_ras build --assessments "$N"
  rates=(); cpu_python=(); cpu_rest=()
  for run in $(seq "$RUNS"); do
    line=$($PY manage.py bench_ras recalculate --chunk-size "$CHUNK")
    echo "   $db run $run: $line"
    rates+=("$(echo "$line" | field rows_per_second)")
    cpu_python+=("$(echo "$line" | field cpu_seconds_python)")
    cpu_rest+=("$(echo "$line" | field cpu_seconds_rest_of_machine)")
  done
  echo "$db recalculate $(median "${rates[@]}")" >> "$results"
  echo "$db cpu_python $(median "${cpu_python[@]}")" >> "$results"
  echo "$db cpu_rest $(median "${cpu_rest[@]}")" >> "$results"
  if [ "$db" = "$(echo $DATABASES | cut -d' ' -f1)" ]; then
    pure=(); pure_cpu=(); floor=()
    for run in $(seq "$RUNS"); do
      line=$($PY manage.py bench_ras pure --seconds 5); echo "   pure run $run: $line"
      pure+=("$(echo "$line" | field pure_calls_per_second)")
      pure_cpu+=("$(echo "$line" | field pure_calls_per_cpu_second)")
      line=$($PY manage.py bench_ras floor); echo "   floor run $run: $line"
      floor+=("$(echo "$line" | field floor_rows_per_second)")
    done
    echo "all pure $(median "${pure[@]}")" >> "$results"
    echo "all pure_cpu $(median "${pure_cpu[@]}")" >> "$results"
    echo "all floor $(median "${floor[@]}")" >> "$results"
  fi
done

if [ "$KEEP_PG" = 0 ]; then ./scripts/postgres.sh stop; fi  # only stops a cluster the script started

echo
echo "RAS over $N synthetic assessments (medians of $RUNS runs; chunks of $CHUNK; $(nproc) cores; load average now $(cut -d' ' -f1 /proc/loadavg))"
python3 - "$results" "$N" <<'PY'
import sys
rows = {(r[0], r[1]): float(r[2]) for r in (line.split() for line in open(sys.argv[1])) if r}
n = int(sys.argv[2])
floor = rows.get(("all", "floor"), float("nan"))
print(f"{'measure':<44} {'per second':>14} {'1M takes':>10} {'of floor':>9}")
print(f"{'pure rule, one process (calls)':<44} {rows.get(('all', 'pure'), float('nan')):>14,.0f} {1e6 / rows.get(('all', 'pure'), float('nan')):>9.1f}s {'':>9}")
print(f"{'pure rule, per CPU second (calls)':<44} {rows.get(('all', 'pure_cpu'), float('nan')):>14,.0f} {1e6 / rows.get(('all', 'pure_cpu'), float('nan')):>9.1f}s {'':>9}")
for db in ("postgres", "sqlite"):
    if (db, "recalculate") in rows:
        rate = rows[(db, "recalculate")]
        print(f"{'bulk recalculation, ' + db + ' (rows)':<44} {rate:>14,.0f} {1e6 / rate:>9.1f}s {rate / floor:>9.4f}")
print(f"{'numpy floor, same arithmetic (rows)':<44} {floor:>14,.0f} {1e6 / floor:>9.3f}s {1:>9.4f}")
for db in ("postgres", "sqlite"):
    if (db, "cpu_python") in rows:
        print(
            f"CPU seconds of one {db} recalculation (median): {rows[(db, 'cpu_python')]:,.1f} in its Python and "
            f"rule pool, {rows[(db, 'cpu_rest')]:,.1f} in the rest of the machine "
            + ("(the database's backends)" if db == "postgres" else "(SQLite runs in the job's process: other work)")
        )
PY
