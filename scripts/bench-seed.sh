#!/usr/bin/env bash
# Benchmark: `seed_demo --people 100000` on SQLite, three runs into fresh databases, median reported,
# beside a floor measured in the same run: copying the same 100,000 person rows with one bare SQL
# INSERT ... SELECT (the least any loader could do to write them).
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-100000}
RUNS=${RUNS:-3}
times=()
floors=()
for run in $(seq "$RUNS"); do
  dir=$(mktemp -d /tmp/firstperson-bench-seed.XXXXXX)
  export FIRSTPERSON_VAR_DIR=$dir DATABASE_URL="sqlite:///$dir/bench.sqlite3"
  .venv/bin/python manage.py migrate -v 0
  start=$(date +%s.%N)
  .venv/bin/python manage.py seed_demo --people "$PEOPLE" --seed "$run" >/dev/null
  end=$(date +%s.%N)
  times+=("$(python3 -c "print(f'{$end - $start:.2f}')")")
  floors+=("$(.venv/bin/python - "$dir/bench.sqlite3" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TABLE person_copy AS SELECT * FROM people_person WHERE 0")
started = time.perf_counter()
with db:
    db.execute("INSERT INTO person_copy SELECT * FROM people_person")
print(f"{time.perf_counter() - started:.3f}")
PY
)")
  rm -rf "$dir"
  echo "run $run: seed_demo ${times[-1]} s; bare INSERT ... SELECT floor ${floors[-1]} s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
m=$(median "${times[@]}")
f=$(median "${floors[@]}")
echo "seed_demo --people $PEOPLE on SQLite: median $m s over $RUNS runs (aim: under 120 s)"
echo "floor (bare SQL copy of the same rows): median $f s; ratio $(python3 -c "print(f'{$m / $f:.0f}')")x"
