#!/usr/bin/env bash
# `flinktop logs` as a user and a script meet it, on the built-in demo: following until Ctrl-C
# (exit 130, lines printed, nothing left behind), a closed pipe (`| head`) ending it quietly, the
# usage and not-found exit codes, and a TaskManager's own log file through --flink-url.
set -u
flinktop=$1
tmp=$(mktemp -d)
serve_pid=
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir "$tmp/demo"
export TMPDIR=$tmp/demo
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# --- not followed: the last lines of every pod of a cluster, prefixed --------------------------
out=$(timeout 60 "$flinktop" --demo logs orders-app --tail 2 2>"$tmp/err")
rc=$?
[ "$rc" -eq 0 ] || fail "logs orders-app: exit $rc: $(cat "$tmp/err")"
[ "$(grep -c . <<<"$out")" -eq 6 ] || fail "logs orders-app --tail 2: want 6 lines, got: $out"
grep -q '^orders-app-taskmanager-1-1 ' <<<"$out" || fail "logs orders-app: no orders-app-taskmanager-1-1 prefix: $out"

# --- -f until Ctrl-C ----------------------------------------------------------------------------
timeout --preserve-status -s INT 4 "$flinktop" --demo logs orders-app-taskmanager-1-1 -f --tail 1 >"$tmp/follow" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 130 ] || fail "logs -f after SIGINT: exit $rc, want 130: $(cat "$tmp/err")"
[ "$(grep -c . "$tmp/follow")" -ge 1 ] || fail "logs -f printed nothing"
[ -z "$(ls -A "$tmp/demo")" ] || fail "logs -f left files behind: $(ls -A "$tmp/demo")"

# --- a closed pipe ends it quietly --------------------------------------------------------------
timeout 60 "$flinktop" --demo logs orders-app -f --tail 5 2>"$tmp/err" | head -3 >"$tmp/head"
rcs=("${PIPESTATUS[@]}")
[ "${rcs[0]}" -eq 0 ] || fail "logs -f | head: flinktop exit ${rcs[0]} (124 = it did not notice): $(cat "$tmp/err")"
[ "$(grep -c . "$tmp/head")" -eq 3 ] || fail "logs -f | head -3: $(cat "$tmp/head")"
grep -q 'Broken pipe\|internal error' "$tmp/err" && fail "logs | head: complained: $(cat "$tmp/err")"

# --- exit codes ---------------------------------------------------------------------------------
timeout 60 "$flinktop" --demo logs no-such-thing >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 6 ] || fail "logs no-such-thing: exit $rc, want 6: $(cat "$tmp/err")"
timeout 60 "$flinktop" --demo logs orders-app --grep 'a(' >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] || fail "logs --grep 'a(': exit $rc, want 2: $(cat "$tmp/err")"
grep -q "invalid regex" "$tmp/err" || fail "logs --grep 'a(': $(cat "$tmp/err")"
timeout 60 "$flinktop" --demo logs orders-app --since 5 >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] || fail "logs --since 5: exit $rc, want 2"
timeout 60 "$flinktop" --demo logs orders-app -o yaml >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] || fail "logs -o yaml: exit $rc, want 2"

# --- --flink-url: the REST log files, and a note saying so -------------------------------------
"$flinktop" demo serve >"$tmp/serve.out" 2>"$tmp/serve.err" &
serve_pid=$!
url=
for _ in $(seq 100); do
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+(/clusters/[^ ]*)?$' "$tmp/serve.out" | head -1)
  [ -n "$url" ] && break
  sleep 0.1
done
if [ -z "$url" ]; then
  fail "demo serve printed no Flink REST URL: $(cat "$tmp/serve.out" "$tmp/serve.err")"
else
  out=$(timeout 60 "$flinktop" --flink-url "$url" logs jobmanager --tail 3 -o json 2>"$tmp/err")
  rc=$?
  [ "$rc" -eq 0 ] || fail "--flink-url logs jobmanager: exit $rc: $(cat "$tmp/err")"
  [ "$(grep -c '"via":"flink-rest"' <<<"$out")" -eq 3 ] || fail "--flink-url logs jobmanager: $out"
  grep -q "showing the Flink REST log files" "$tmp/err" || fail "--flink-url logs: no note on stderr: $(cat "$tmp/err")"
fi
kill -TERM "$serve_pid" 2>/dev/null
wait "$serve_pid" 2>/dev/null
serve_pid=

[ "$failures" -eq 0 ] && echo "cli logs: all passed"
exit "$failures"
