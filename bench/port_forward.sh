#!/usr/bin/env bash
# flinktop port-forward against kubectl port-forward, side by side through the same path on this
# machine — kube-apiserver → kwok (tests/env/kube.sh, its own instance) → a loopback HTTP server
# behind the pod flinktop-bench/sink — with the same curl: one 256 MiB download, the time to the
# first byte of a new connection (20 each run), 32 parallel 8 MiB downloads, and each forwarder's
# peak RSS. Prints a Markdown table of medians over RUNS runs (the two alternate within a run).
#
#   bench/port_forward.sh [FLINKTOP]     FLINKTOP: default build-release/flinktop; RUNS=5
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
flinktop=${1:-$root/build-release/flinktop}
runs=${RUNS:-5}
kube=$root/tests/env/kube.sh
name=bench-port-forward
work=$(mktemp -d)

cleanup() {
  local pids
  pids=$(jobs -p)
  [ -n "$pids" ] && kill $pids 2>/dev/null
  wait 2>/dev/null || true
  "$kube" stop --name "$name" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "bench/port_forward: starting the control plane ($name) ..." >&2
"$kube" start --name "$name" >/dev/null
info() { "$kube" info --name "$name" | sed -n "s/^$1=//p"; }
kubeconfig=$(info KUBECONFIG)
kubectl=$(info KUBECTL)
sink_port=$(info SINK_PORT)
k() { "$kubectl" --kubeconfig "$kubeconfig" "$@"; }

# The sink: GET /bytes/N answers N zero bytes, one thread per connection.
python3 - "$sink_port" <<'EOF' &
import http.server, sys
CHUNK = b"\0" * (1 << 20)
class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        n = int(self.path.rsplit("/", 1)[-1])
        self.send_response(200)
        self.send_header("Content-Length", str(n))
        self.end_headers()
        while n > 0:
            part = CHUNK[: min(n, len(CHUNK))]
            self.wfile.write(part)
            n -= len(part)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
EOF
sink_pid=$!

k create namespace flinktop-bench >/dev/null
k apply -f - >/dev/null <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: sink, namespace: flinktop-bench}
spec:
  nodeName: kwok-node-0
  containers: [{name: sink, image: "sink:1"}]
EOF
k wait -n flinktop-bench --for=condition=Ready pod/sink --timeout=60s >/dev/null

"$flinktop" --kubeconfig "$kubeconfig" port-forward -n flinktop-bench pod/sink :8080 >"$work/flinktop.out" 2>&1 &
flinktop_pid=$!
# Not through k(): $! must be kubectl's own pid (its RSS is measured), not a subshell's.
"$kubectl" --kubeconfig "$kubeconfig" port-forward -n flinktop-bench pod/sink :8080 >"$work/kubectl.out" 2>&1 &
kubectl_pid=$!
port_of() {  # the local port a forwarder printed
  for _ in $(seq 100); do
    local p
    p=$(sed -nE 's#^http://127\.0\.0\.1:([0-9]+)$#\1#p; s#^Forwarding from 127\.0\.0\.1:([0-9]+) .*#\1#p' "$1" | head -1)
    [ -n "$p" ] && { echo "$p"; return; }
    sleep 0.1
  done
  echo "bench/port_forward: no port in $1: $(cat "$1")" >&2
  exit 1
}
flinktop_port=$(port_of "$work/flinktop.out")
kubectl_port=$(port_of "$work/kubectl.out")
curl -sf -o /dev/null "http://127.0.0.1:$flinktop_port/bytes/1"
curl -sf -o /dev/null "http://127.0.0.1:$kubectl_port/bytes/1"

# One run of every measurement through PORT, appended to $work/<who>.tsv:
# MB/s of one 256 MiB download, median ms to the first byte of 20 new connections, MB/s of 32
# parallel 8 MiB downloads.
measure() {
  local who=$1 port=$2 url="http://127.0.0.1:$2/bytes"
  local single ttfb start end parallel
  single=$(curl -sf -o /dev/null -w '%{speed_download}' "$url/268435456")
  ttfb=$(for _ in $(seq 20); do curl -sf -o /dev/null -w '%{time_starttransfer}\n' "$url/1"; done | sort -g | sed -n 10p)
  start=$(date +%s.%N)
  for _ in $(seq 32); do curl -sf -o /dev/null "$url/8388608" & done
  wait_curls
  end=$(date +%s.%N)
  parallel=$(python3 -c "print(32 * 8388608 / ($end - $start))")
  printf '%s\t%s\t%s\n' "$single" "$ttfb" "$parallel" >>"$work/$who.tsv"
}
wait_curls() {  # the background curls of measure(), not the forwarders or the sink
  local pid
  for pid in $(jobs -p); do
    [ "$pid" = "$flinktop_pid" ] || [ "$pid" = "$kubectl_pid" ] || [ "$pid" = "$sink_pid" ] || wait "$pid"
  done
}
for run in $(seq "$runs"); do
  echo "bench/port_forward: run $run of $runs" >&2
  if [ $((run % 2)) = 1 ]; then
    measure flinktop "$flinktop_port"
    measure kubectl "$kubectl_port"
  else
    measure kubectl "$kubectl_port"
    measure flinktop "$flinktop_port"
  fi
done

hwm() { awk '/^VmHWM/ {print $2 / 1024}' "/proc/$1/status"; }
python3 - "$work/flinktop.tsv" "$work/kubectl.tsv" "$(hwm "$flinktop_pid")" "$(hwm "$kubectl_pid")" "$runs" <<'EOF'
import statistics, sys
def medians(path):
    rows = [list(map(float, line.split("\t"))) for line in open(path)]
    return [statistics.median(column) for column in zip(*rows)]
f, k = medians(sys.argv[1]), medians(sys.argv[2])
print(f"| through kube-apiserver → kwok (median of {sys.argv[5]}) | flinktop | kubectl |")
print("|---|---|---|")
print(f"| one 256 MiB download | {f[0] / 2**20:.0f} MiB/s | {k[0] / 2**20:.0f} MiB/s |")
print(f"| time to first byte, new connection | {f[1] * 1000:.1f} ms | {k[1] * 1000:.1f} ms |")
print(f"| 32 parallel 8 MiB downloads, total | {f[2] / 2**20:.0f} MiB/s | {k[2] / 2**20:.0f} MiB/s |")
print(f"| forwarder peak RSS (VmHWM) | {float(sys.argv[3]):.1f} MiB | {float(sys.argv[4]):.1f} MiB |")
EOF
