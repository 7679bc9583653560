#!/usr/bin/env bash
# On-demand benchmark of crm-segments against the limits of the same machine, measured in the
# same run:
#   1. membership checks (user-segments/check) under concurrency, beside the server's own
#      /health line rate and a raw pgbench of the same check SQL at the same concurrency;
#   2. member streaming (user-segments/users) of every user, beside psql \copy of the same SQL;
#   3. recalculation of every demo segment, beside psql running the same count SQL.
# Each line prints throughput and latency percentiles and the ratio to the machine's limit.
#
# Usage: bench/run.sh            (BENCH_USERS=1000000 BENCH_SECONDS=20 BENCH_CONNECTIONS=64)
# Needs: a local PostgreSQL (BENCH_ADMIN_URL, default postgresql://root@127.0.0.1:5432/test),
# wrk (installed from Debian's packages when missing), pgbench and psql.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${BENCH_USERS:-1000000}
SECONDS_PER_RUN=${BENCH_SECONDS:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
PORT=${BENCH_PORT:-18080}
ADMIN_URL=${BENCH_ADMIN_URL:-postgresql://root@127.0.0.1:5432/test}
DB=segments_bench
DB_URL="${ADMIN_URL%/*}/$DB"
CODE=users_with_active_subscriptions
SECRET=bench-secret-that-is-long-enough-for-hs256
WORK=$(mktemp -d)
trap 'kill "${SERVER_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

echo "== building"
mvn -B -q -DskipTests package

echo "== database $DB with $USERS demo users"
psql "$ADMIN_URL" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
  || psql "$ADMIN_URL" -qc "CREATE DATABASE $DB"

export SEGMENTS_DB_URL="$DB_URL" SEGMENTS_JWT_SECRET="$SECRET" SEGMENTS_HTTP_PORT="$PORT"
export SEGMENTS_RECALCULATION_ENABLED=false SEGMENTS_LOGGING_LEVEL=WARN
java -jar target/crm-segments.jar demo --users "$USERS" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$PORT/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 1
done
TOKEN=$(java -jar target/crm-segments.jar token --subject bench --scope admin --ttl 1h | tail -1)
ACTUAL_USERS=$(psql "$DB_URL" -qtAc "SELECT count(*) FROM users")
echo "users in the database: $ACTUAL_USERS"

# The check SQL exactly as the server builds it (OperationSql.checkById) for the demo segment.
QUERY=$(psql "$DB_URL" -qtAc "SELECT query_string FROM segments.segments WHERE code = '$CODE'")
expand() { # $1 = condition for %where%
  printf '%s' "$QUERY" | sed -e "s/%table%/users/g" -e "s/%fields%/users.id, users.email/g" \
    -e "s/%group_by%/users.id, users.email/g" -e "s/%where%/$1/g"
}
CHECK_SQL="SELECT EXISTS (SELECT 1 FROM ($(expand 'users.id = :id')) AS seg WHERE seg.id = :id)"
printf '\\set id random(1, %s)\n%s;\n' "$ACTUAL_USERS" "$CHECK_SQL" > "$WORK/check.sql"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<< "$2"; }

echo "== membership checks: $CONNECTIONS connections, ${SECONDS_PER_RUN}s each"
HEALTH=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s bench/health.lua \
  "http://127.0.0.1:$PORT/health" | grep RESULT)
CHECK=$(BENCH_USERS=$ACTUAL_USERS BENCH_CODE=$CODE BENCH_TOKEN=$TOKEN wrk -t2 \
  -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s bench/check.lua "http://127.0.0.1:$PORT" \
  | grep RESULT)
( cd "$WORK" && pgbench -n -M prepared -c "$CONNECTIONS" -j 2 -T "$SECONDS_PER_RUN" -l \
  -f check.sql "$DB_URL" > pgbench.out 2>&1 )
PG_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench.out" | head -1)
read -r PG_P50 PG_P99 < <(cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n \
  | awk '{a[NR]=$1} END {printf "%.3f %.3f\n", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}')

printf '%-34s %12s %10s %10s\n' "what" "per second" "p50 ms" "p99 ms"
printf '%-34s %12s %10s %10s\n' "GET /health (HTTP limit)" "$(field rps "$HEALTH")" \
  "$(field p50_ms "$HEALTH")" "$(field p99_ms "$HEALTH")"
printf '%-34s %12s %10s %10s\n' "pgbench check SQL (database limit)" "$PG_TPS" "$PG_P50" "$PG_P99"
printf '%-34s %12s %10s %10s\n' "user-segments/check" "$(field rps "$CHECK")" \
  "$(field p50_ms "$CHECK")" "$(field p99_ms "$CHECK")"
echo "check errors: $(field errors "$CHECK")"
echo "check / health ratio:  $(ratio "$(field rps "$CHECK")" "$(field rps "$HEALTH")")"
echo "check / pgbench ratio: $(ratio "$(field rps "$CHECK")" "$PG_TPS")"

echo "== member streaming of all_users"
MEMBERS_SQL="SELECT DISTINCT ON (seg.id) seg.id, seg.email FROM ($(QUERY=$(psql "$DB_URL" -qtAc \
  "SELECT query_string FROM segments.segments WHERE code = 'all_users'"); expand '1=1')) AS seg ORDER BY seg.id"
START=$(date +%s.%N)
psql "$DB_URL" -qc "\\copy ($MEMBERS_SQL) TO '/dev/null'"
PSQL_S=$(awk -v s="$START" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
START=$(date +%s.%N)
BYTES=$(curl -fsS -H "Authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$PORT/api/v1/user-segments/users?code=all_users" | tee "$WORK/users.json" | wc -c)
HTTP_S=$(awk -v s="$START" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
STREAMED=$(grep -o '"id"' "$WORK/users.json" | wc -l)
printf 'psql \\copy:           %s rows in %.2fs = %.0f rows/s\n' "$ACTUAL_USERS" "$PSQL_S" \
  "$(awk -v n="$ACTUAL_USERS" -v s="$PSQL_S" 'BEGIN { print n / s }')"
printf 'user-segments/users:  %s rows (%s bytes) in %.2fs = %.0f rows/s\n' "$STREAMED" "$BYTES" \
  "$HTTP_S" "$(awk -v n="$STREAMED" -v s="$HTTP_S" 'BEGIN { print n / s }')"
echo "streaming / psql ratio: $(ratio "$PSQL_S" "$HTTP_S")"

echo "== recalculation of every segment"
SERVER_TOTAL=0; PSQL_TOTAL=0
CODES=$(psql "$DB_URL" -qtAc "SELECT code FROM segments.segments WHERE deleted_at IS NULL ORDER BY code")
for code in $CODES; do
  T=$(curl -fsS -X POST -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$PORT/api/v1/segments/recalculate?code=$code" \
    | sed -n 's/.*"time":\([0-9.eE-]*\).*/\1/p')
  QUERY=$(psql "$DB_URL" -qtAc "SELECT query_string FROM segments.segments WHERE code = '$code'")
  COUNT_SQL="SELECT count(DISTINCT seg.id) FROM ($(expand '1=1')) AS seg"
  P=$(psql "$DB_URL" -qtA -c '\timing on' -c "$COUNT_SQL" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
  printf '  %-40s server %8.3fs   psql %8.3fs\n' "$code" "$T" "$(awk -v p="$P" 'BEGIN { print p / 1000 }')"
  SERVER_TOTAL=$(awk -v a="$SERVER_TOTAL" -v b="$T" 'BEGIN { print a + b }')
  PSQL_TOTAL=$(awk -v a="$PSQL_TOTAL" -v b="$P" 'BEGIN { print a + b / 1000 }')
done
echo "every segment: server ${SERVER_TOTAL}s, psql ${PSQL_TOTAL}s of query time"
echo "recalculation / psql ratio (time): $(ratio "$SERVER_TOTAL" "$PSQL_TOTAL")"
