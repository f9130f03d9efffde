#!/usr/bin/env bash
# The built-in demo as a user meets it: `flinktop --demo get clusters -o json` shows the three
# kinds; `flinktop demo serve` prints a kubeconfig that `flinktop --kubeconfig` can use, and stops
# on SIGTERM leaving no temporary kubeconfig behind.
set -u
flinktop=$1
tmp=$(mktemp -d)
serve_pid=
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir "$tmp/demo"
export TMPDIR=$tmp/demo  # the demo's kubeconfig directory goes here, so leftovers are easy to see
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

kinds_of() { python3 -c 'import json,sys; print(" ".join(sorted(c["kind"] for c in json.load(sys.stdin)["items"])))'; }
want_kinds="operator-application operator-session standalone"

# --- --demo: in-process, every command unchanged ----------------------------------------------
out=$(timeout 60 "$flinktop" --demo get clusters -o json 2>"$tmp/err")
rc=$?
[ "$rc" -eq 0 ] || fail "--demo get clusters: exit $rc: $(cat "$tmp/err")"
kinds=$(kinds_of <<<"$out")
[ "$kinds" = "$want_kinds" ] || fail "--demo get clusters: kinds '$kinds', want '$want_kinds'"
[ -z "$(ls -A "$tmp/demo")" ] || fail "--demo left files behind: $(ls -A "$tmp/demo")"

out=$(timeout 60 "$flinktop" --demo-scale 50 get pods --no-headers 2>&1)
pods=$(grep -c . <<<"$out")
[ "$pods" -eq 50 ] || fail "--demo-scale 50 get pods: $pods pods, want 50"

# --- demo serve: for other clients, until SIGTERM -----------------------------------------------
"$flinktop" demo serve >"$tmp/serve.out" 2>"$tmp/serve.err" &
serve_pid=$!
kubeconfig=
for _ in $(seq 100); do
  kubeconfig=$(sed -n 's/^kubeconfig: //p' "$tmp/serve.out")
  [ -n "$kubeconfig" ] && break
  sleep 0.1
done
if [ -z "$kubeconfig" ]; then
  fail "demo serve printed no kubeconfig: $(cat "$tmp/serve.out" "$tmp/serve.err")"
else
  [ "$(stat -c %a "$kubeconfig")" = 600 ] || fail "demo kubeconfig mode $(stat -c %a "$kubeconfig"), want 600"
  grep -q 'http://127.0.0.1:' "$kubeconfig" || fail "demo kubeconfig does not point at 127.0.0.1"
  out=$(timeout 60 "$flinktop" --kubeconfig "$kubeconfig" get clusters -o json 2>"$tmp/err")
  kinds=$(kinds_of <<<"$out")
  [ "$kinds" = "$want_kinds" ] || fail "--kubeconfig <demo> get clusters: kinds '$kinds': $(cat "$tmp/err")"
  # A Flink REST URL it printed answers directly, as it would in a browser.
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+(/clusters/[^ ]*)?$' "$tmp/serve.out" | head -1)
  python3 - "$url" <<'PY' || fail "Flink REST URL $url does not answer /overview"
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/overview", timeout=10) as r:
    assert "flink-version" in json.load(r)
PY
  # A jar submitted to the session cluster runs as a new job; the jar is gone afterwards.
  printf 'PK\003\004 not really a jar' >"$tmp/TopSpeedWindowing.jar"
  out=$(timeout 60 "$flinktop" --kubeconfig "$kubeconfig" submit "$tmp/TopSpeedWindowing.jar" \
    --cluster analytics-session -p 3 -o json 2>"$tmp/err")
  job=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["job"])' <<<"$out" 2>/dev/null)
  [ -n "$job" ] || fail "submit to the demo session cluster: $out $(cat "$tmp/err")"
  out=$(timeout 60 "$flinktop" --kubeconfig "$kubeconfig" get jobs --cluster analytics-session -o json 2>&1)
  # The script comes on stdin, so the listing goes in through the environment.
  JOBS_JSON=$out python3 - "$job" <<'PY' || fail "submitted job $job not listed: $out"
import json, os, sys
jobs = [j for j in json.loads(os.environ["JOBS_JSON"])["items"] if j["id"] == sys.argv[1]]
assert jobs and jobs[0]["name"] == "TopSpeedWindowing", jobs
PY
  out=$(timeout 60 "$flinktop" --kubeconfig "$kubeconfig" submit "$tmp/TopSpeedWindowing.jar" --cluster orders-app 2>&1)
  rc=$?
  [ "$rc" -eq 2 ] || fail "submit to an application cluster: exit $rc, want 2: $out"
fi
kill -TERM "$serve_pid"
stopped=no
for _ in $(seq 100); do
  kill -0 "$serve_pid" 2>/dev/null || { stopped=yes; break; }
  sleep 0.1
done
[ "$stopped" = yes ] || fail "demo serve still running 10 s after SIGTERM"
wait "$serve_pid"
rc=$?
serve_pid=
[ "$rc" -eq 0 ] || fail "demo serve exit $rc after SIGTERM, want 0"
[ -n "$kubeconfig" ] && [ -e "$kubeconfig" ] && fail "demo serve left $kubeconfig behind"
[ -z "$(ls -A "$tmp/demo")" ] || fail "demo serve left files behind: $(ls -A "$tmp/demo")"

[ "$failures" -eq 0 ] && echo "demo: all passed"
exit $((failures > 0))
