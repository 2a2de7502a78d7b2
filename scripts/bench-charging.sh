#!/usr/bin/env bash
# Benchmark: the charging rule in process (calls a second on a mix of 1,000 inputs), and the yearly
# uprating job over ASSESSMENTS completed financial assessments with a current 2025-26 calculation,
# uprated to made-up 2026-27 figures, on PostgreSQL and on SQLite, beside a floor: the same rows read
# and written by one INSERT ... SELECT inside the database. Medians over RUNS runs.
# The built caseload is kept (var/bench/charging-N.sqlite3; the database firstperson_bench_charging
# in the PostgreSQL cluster on FIRSTPERSON_PG_PORT, kept while that cluster runs: KEEP_PG=1 leaves
# a cluster this script started running for the next time).
#   ASSESSMENTS=200000 RUNS=3 make bench-charging
set -euo pipefail
cd "$(dirname "$0")/.."
ASSESSMENTS=${ASSESSMENTS:-200000}
RUNS=${RUNS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-5}
DATABASES=${DATABASES:-"postgres sqlite"}
export FIRSTPERSON_PG_PORT=${FIRSTPERSON_PG_PORT:-54336}
export DJANGO_SETTINGS_MODULE=config.settings.local
PY=.venv/bin/python
mkdir -p var/bench
results=var/bench/charging-results.txt
: > "$results"

median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
field() { python3 -c "import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])[sys.argv[1]])" "$1"; }

calls=()
for run in $(seq "$RUNS"); do
  line=$(DATABASE_URL="sqlite:///$PWD/var/bench/charging-calculator.sqlite3" $PY manage.py bench_charging calculator --seconds "$SECONDS_PER_RUN")
  echo "   calculator run $run: $line"
  calls+=("$(echo "$line" | field calls_per_second)")
done
echo "calculator $(median "${calls[@]}")" >> "$results"

for db in $DATABASES; do
  if [ "$db" = postgres ]; then
    admin=$(./scripts/postgres.sh start)
    psql "$admin" -qtAc "SELECT 1 FROM pg_database WHERE datname = 'firstperson_bench_charging'" | grep -q 1 \
      || psql "$admin" -qc "CREATE DATABASE firstperson_bench_charging"
    export DATABASE_URL="${admin%/*}/firstperson_bench_charging"
  else
    export DATABASE_URL="sqlite:///$PWD/var/bench/charging-$ASSESSMENTS.sqlite3"
  fi
  echo "== $db: building $ASSESSMENTS completed assessments (skipped if already built)"
  $PY manage.py migrate -v 0
  $PY manage.py bench_charging build --assessments "$ASSESSMENTS"
  secs=(); rates=(); floors=(); floor_rates=()
  for run in $(seq "$RUNS"); do
    line=$($PY manage.py bench_charging run)
    echo "   $db uprating run $run: $line"
    secs+=("$(echo "$line" | field seconds)"); rates+=("$(echo "$line" | field rows_per_second)")
    line=$($PY manage.py bench_charging floor)
    echo "   $db floor run $run: $line"
    floors+=("$(echo "$line" | field seconds)"); floor_rates+=("$(echo "$line" | field rows_per_second)")
  done
  echo "$db $(median "${secs[@]}") $(median "${rates[@]}") $(median "${floors[@]}") $(median "${floor_rates[@]}")" >> "$results"
done

if [[ " $DATABASES " == *" postgres "* && "${KEEP_PG:-0}" != 1 ]]; then
  ./scripts/postgres.sh stop  # only stops a cluster these scripts started
fi

echo
echo "Charging: the rule in process, and the yearly uprating of $ASSESSMENTS current assessments (medians of $RUNS runs, $(nproc) cores)"
python3 - "$results" "$ASSESSMENTS" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
for r in rows:
    if r[0] == "calculator":
        print(f"calculator: {float(r[1]):,.0f} calls/s (one thread, mix of 1,000 inputs)")
print(f"{'database':<10} {'uprating s':>10} {'rows/s':>9} {'floor s':>8} {'floor rows/s':>13} {'of floor':>9} {'aim <60 s':>10}")
for r in rows:
    if r[0] == "calculator":
        continue
    db, secs, rate, fsecs, frate = r[0], *map(float, r[1:])
    aim = "met" if secs < 60 else "missed"
    print(f"{db:<10} {secs:>10.1f} {rate:>9,.0f} {fsecs:>8.1f} {frate:>13,.0f} {rate / frate:>9.2f} {aim:>10}")
PY
