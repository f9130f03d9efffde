#!/usr/bin/env bash
# Whole-process measurements of the real flinktop binary on a pty (tmux), read from /proc:
#   6. time to first frame (demo, default scale): launch → the first screen showing the clusters
#   7. idle CPU of flinktop's own process over IDLE_SECONDS at --demo-scale 5000, 2 s Flink refresh,
#      the simulator running as a separate `flinktop demo serve` process
#   8. peak RSS (VmHWM) of that process
#   9. key press → updated frame latency while data streams in (j on the 5,000-pod table)
# and, without a goal, the CPU of a plain `flinktop --demo` (its simulator in the same process).
# Prints a JSON list of {name, median, goal, runs} on stdout (bench/summarize.py reads it), the
# individual runs on stderr. Only loopback is used; every process started here is stopped on exit.
#
#   bench/process_metrics.sh FLINKTOP_BINARY    (RUNS=3 IDLE_SECONDS=60 SCALE=5000 by default)
set -euo pipefail

bin=$(realpath "$1")
runs=${RUNS:-3}
idle=${IDLE_SECONDS:-60}
scale=${SCALE:-5000}
sock="flinktop-bench-$$"
work=$(mktemp -d)
serve_pid=""
cleanup() {
  tmux -L "$sock" kill-server 2>/dev/null || true
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" NO_PROXY='*' no_proxy='*'

now_ns() { date +%s%N; }
screen() { tmux -L "$sock" capture-pane -p -t bench 2>/dev/null || true; }
# With attributes: the selection bar moving is a change of colours, not of text.
styled_screen() { tmux -L "$sock" capture-pane -e -p -t bench 2>/dev/null || true; }
# Polls the screen until it contains $1 (fixed string) or $2 seconds pass; prints elapsed ms.
wait_for() {
  local start=$3 deadline=$(( $(now_ns) + $2 * 1000000000 ))
  while [ "$(now_ns)" -lt "$deadline" ]; do
    if screen | grep -qF -- "$1"; then echo $(( ($(now_ns) - start) / 1000000 )); return 0; fi
  done
  echo "process_metrics: timed out waiting for '$1'" >&2
  screen >&2
  return 1
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
start_session() {  # command...
  tmux -L "$sock" kill-session -t bench 2>/dev/null || true
  tmux -L "$sock" -f /dev/null new-session -d -s bench -x 160 -y 48 "exec $*"
}

# --- 6. time to first frame -----------------------------------------------------------------------
ttff=()
for _ in $(seq "$runs"); do
  t0=$(now_ns)
  start_session "$bin" --demo
  ttff+=("$(wait_for orders-app 20 "$t0")")
  tmux -L "$sock" send-keys -t bench C-c
  sleep 1
done
echo "time to first frame (ms): ${ttff[*]}" >&2

# cpu_percent PID SECONDS: the process's CPU (user + system) over SECONDS, % of one core.
cpu_percent() {
  local pid=$1 seconds=$2 hz c0 c1 w0 w1
  hz=$(getconf CLK_TCK)
  c0=$(awk '{print $14 + $15}' "/proc/$pid/stat"); w0=$(now_ns)
  sleep "$seconds"
  c1=$(awk '{print $14 + $15}' "/proc/$pid/stat"); w1=$(now_ns)
  awk -v c=$((c1 - c0)) -v hz="$hz" -v w=$((w1 - w0)) 'BEGIN {printf "%.2f", 100 * c / hz / (w / 1e9)}'
}

# --- the plain `flinktop --demo`, simulator included: what a newcomer's first minute costs --------
demo_cpu=()
for _ in $(seq "$runs"); do
  start_session "$bin" --demo
  wait_for orders-app 20 "$(now_ns)" >/dev/null
  sleep 5
  demo_cpu+=("$(cpu_percent "$(tmux -L "$sock" display -p -t bench '#{pane_pid}')" $((idle / 2)))")
  tmux -L "$sock" send-keys -t bench C-c
  sleep 1
done
echo "flinktop --demo CPU, simulator in-process (% of one core): ${demo_cpu[*]}" >&2

# --- 7–9. a big environment served by another process ---------------------------------------------
"$bin" demo serve --demo-scale "$scale" >"$work/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 100); do grep -q '^kubeconfig:' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
kubeconfig=$(awk '/^kubeconfig:/ {print $2}' "$work/serve.out")
[ -n "$kubeconfig" ] || { echo "process_metrics: demo serve did not start" >&2; cat "$work/serve.out" >&2; exit 1; }

cpu=(); rss=(); keys=()
for _ in $(seq "$runs"); do
  t0=$(now_ns)
  start_session "$bin" --kubeconfig "$kubeconfig" -A
  wait_for "team-" 60 "$t0" >/dev/null
  tmux -L "$sock" send-keys -t bench ':' ; sleep 0.3
  tmux -L "$sock" send-keys -t bench 'pods' Enter
  wait_for "taskmanager" 30 "$(now_ns)" >/dev/null
  pid=$(tmux -L "$sock" display -p -t bench '#{pane_pid}')
  sleep 5  # the first poll of everything settles
  cpu+=("$(cpu_percent "$pid" "$idle")")
  # Key latency: each j moves the selection one row; wait until the screen differs.
  for _ in $(seq 10); do
    before=$(styled_screen)
    t0=$(now_ns)
    tmux -L "$sock" send-keys -t bench j
    while [ "$(styled_screen)" = "$before" ]; do
      [ $(( $(now_ns) - t0 )) -gt 2000000000 ] && break
    done
    keys+=("$(( ($(now_ns) - t0) / 1000 ))")
  done
  rss+=("$(awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")")
  tmux -L "$sock" send-keys -t bench C-c
  sleep 1
done
echo "idle CPU (% of one core): ${cpu[*]}" >&2
echo "peak RSS (MiB): ${rss[*]}" >&2
echo "key → frame (µs, incl. tmux round trips): ${keys[*]}" >&2

m_ttff=$(printf '%s\n' "${ttff[@]}" | median)
m_cpu=$(printf '%s\n' "${cpu[@]}" | median)
m_demo_cpu=$(printf '%s\n' "${demo_cpu[@]}" | median)
m_rss=$(printf '%s\n' "${rss[@]}" | median)
m_key=$(printf '%s\n' "${keys[@]}" | median)
cat <<JSON
[
  {"name": "time to first frame, demo (clusters visible)", "median": "${m_ttff} ms", "goal": "≤ 100 ms", "runs": "${ttff[*]}"},
  {"name": "CPU of flinktop --demo with its simulator, clusters view, $((idle / 2)) s", "median": "${m_demo_cpu} %", "goal": "(none)", "runs": "${demo_cpu[*]}"},
  {"name": "idle CPU, --demo-scale ${scale}, pods view, ${idle} s", "median": "${m_cpu} %", "goal": "≤ 1 %", "runs": "${cpu[*]}"},
  {"name": "peak RSS (VmHWM), --demo-scale ${scale}", "median": "${m_rss} MiB", "goal": "≤ 60 MB", "runs": "${rss[*]}"},
  {"name": "key → updated frame (j), data streaming", "median": "$(awk -v k="$m_key" 'BEGIN {printf "%.1f", k / 1000}') ms", "goal": "≤ 16 ms", "runs": "${#keys[@]} presses"}
]
JSON
