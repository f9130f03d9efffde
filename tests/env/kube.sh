#!/usr/bin/env bash
# A real Kubernetes control plane for flinktop's integration tests: etcd, kube-apiserver and kwok
# (fake nodes that make pods Running, serve their logs and port-forwards), with Flink clusters of
# all three kinds in it, one of them backed by a real Flink from tests/env/flink.sh.
#
# Everything binds to 127.0.0.1 on free ports, so several instances (one per --name) can run side
# by side. Nothing started here dials a non-loopback address: kwok's pod IPs are made up (and taken
# from a loopback range, so even an accidental dial stays on this machine), no controller creates
# Endpoints, and nodes point the API server at kwok on 127.0.0.1. See usage() below.
#
# Where things come from (only package registries are reachable from our machines):
#   - kube-apiserver and kubectl: built with this machine's Go from the Kubernetes Go modules, see
#     tests/env/kube/apiserver/go.mod (its `require k8s.io/kubernetes` names the release);
#   - kwok: `go install sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION`, and its stage definitions from
#     the same module;
#   - etcd: Debian's etcd-server (and etcdctl from etcd-client);
#   - the Flink operator CRDs: ../shared/reference/operator-crds.
# Binaries are built once per version into the cache; a cached start takes well under a minute.
#
# Requirements: bash, go (1.26+, first run only), etcd, etcdctl, openssl, python3, curl, flock,
# setsid; tests/env/flink.sh's requirements for the real Flink.
set -euo pipefail

readonly HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SRC_DIR=$(cd "$HERE/../.." && pwd)
readonly KUBE_DIR=$HERE/kube
readonly FLINK_SH=$HERE/flink.sh
readonly SHARED_DIR=${FLINKTOP_SHARED_DIR:-$SRC_DIR/../shared}
readonly CACHE_ROOT=${FLINKTOP_TEST_CACHE:-$HOME/.cache/flinktop-test}/kube
readonly RUN_ROOT=${FLINKTOP_KUBE_RUN:-${TMPDIR:-/tmp}/flinktop-kube-$(id -u)}
readonly START_TIMEOUT=${FLINKTOP_KUBE_START_TIMEOUT:-120}
readonly KWOK_VERSION=v0.8.0
readonly DEFAULT_FLINK_VERSION=2.3.0
# Pod IPs kwok makes up. Loopback: the API server refuses to proxy to such an address, and
# anything else that tried would stay on this machine.
readonly POD_CIDR=127.100.0.0/16
readonly SERVICE_CIDR=10.96.0.0/16 # ClusterIPs are only numbers here: no kube-proxy, nobody dials them

usage() {
  cat <<EOF
usage: tests/env/kube.sh COMMAND [ARGS]

  start [--name NAME] [--pods N] [--flink INSTANCE | --flink-version V]
        start etcd, kube-apiserver and kwok on 127.0.0.1 and create the Flink clusters (below).
        The standalone cluster is backed by a real Flink: the running tests/env/flink.sh
        instance INSTANCE, or else one this command starts (Flink V, default
        $DEFAULT_FLINK_VERSION) and stop stops. --pods N adds N TaskManager pods in native
        clusters of 10 across namespaces scale-000.. (scale measurements). Builds and caches the
        binaries first if needed. Returns when every pod is Running; the last stdout line is the
        path of the admin kubeconfig. All other output goes to stderr.
  stop [--name NAME] [--keep-logs]
        stop every process of the instance (and its own Flink), delete its directory (all but
        log/ with --keep-logs). Idempotent; also cleans up after a failed start.
  kubeconfig [--name NAME]   print the path of the admin kubeconfig (client certificate, system:masters)
  info [--name NAME]         print the instance's facts as KEY=VALUE lines (see README.md)
  kubectl [--name NAME] ARGS...
        run the cached kubectl with the admin kubeconfig, e.g. kube.sh kubectl get pods -A
  restart-apiserver [--name NAME] [--compact]
        stop kube-apiserver and start it again on the same port (watches break and reconnect).
        --compact: meanwhile write to etcd and compact it to its newest revision, so every
        resourceVersion handed out before is too old: a watch from one answers 410 Gone.
  install                    only build/download and cache the binaries; print their directory
  dir [--name NAME]          print the instance directory

The clusters (namespace: what):
  lyz           standalone: the plain-YAML session cluster of ../shared/seeds/001 (ConfigMap,
                Services, Deployments; ReplicaSets/pods made as the controllers would). Its
                JobManager pod's port 8081 is forwarded by kwok to the real Flink's REST port, its
                first TaskManager pod's log is the real TaskManager log (CRI, converted as it grows)
  flink-native  native: session cluster native-etl (kubernetes-session.sh's objects, 2 TaskManagers)
  flink-apps    operator: FlinkDeployment orders (application, RUNNING job), FlinkDeployment
                sessions (session) with FlinkSessionJob sessions-topspeed; statuses as the
                operator writes them
  flinktop-bench  (made by whoever uses it) a pod named sink: kwok forwards its port 8080 to
                127.0.0.1:SINK_PORT of the info, where a test or bench/port_forward.sh serves
No kube-controller-manager or scheduler runs: nothing garbage-collects, deletes namespaces or
creates Endpoints/ServiceAccounts; make pods with spec.nodeName set (kwok-node-0).

NAME defaults to "default" ([A-Za-z0-9._-]+). Environment:
  FLINKTOP_TEST_CACHE           cache root (now: ${FLINKTOP_TEST_CACHE:-$HOME/.cache/flinktop-test}; this uses its kube/)
  FLINKTOP_KUBE_RUN             instance dirs       (now: $RUN_ROOT)
  FLINKTOP_KUBE_START_TIMEOUT   readiness timeout s (now: $START_TIMEOUT)
  FLINKTOP_SHARED_DIR           the shared/ dir with the operator CRDs (now: $SHARED_DIR)
  GO                            the go command for the first build (else go on PATH, else /usr/local/go/bin/go)
EOF
}

log() { printf 'kube.sh: %s\n' "$*" >&2; }
die() { printf 'kube.sh: error: %s\n' "$*" >&2; exit 1; }

check_name() {
  [[ $1 =~ ^[A-Za-z0-9._-]+$ && $1 != . && $1 != .. ]] || die "NAME must match [A-Za-z0-9._-]+, got '$1'"
}

inst_dir() { echo "$RUN_ROOT/$1"; }

# ---------------------------------------------------------------------------------------------
# Binaries (built once per version, under one lock: parallel starts build once, and nobody
# clears Go's build cache while another build uses it)
# ---------------------------------------------------------------------------------------------

# The k8s.io/kubernetes requirement (on a `require` line or inside a require block).
kube_version() {
  awk '$1 == "require" && $2 == "k8s.io/kubernetes" {print $3; exit} $1 == "k8s.io/kubernetes" && $2 ~ /^v/ {print $2; exit}' \
    "$KUBE_DIR/apiserver/go.mod"
}

# The build dir is keyed by the release and a hash of go.mod + go.sum, so any change rebuilds.
kube_bin_dir() {
  local v hash
  v=$(kube_version)
  [[ -n $v ]] || die "no 'require k8s.io/kubernetes vX.Y.Z' line in $KUBE_DIR/apiserver/go.mod"
  hash=$(cat "$KUBE_DIR/apiserver/go.mod" "$KUBE_DIR/apiserver/go.sum" | sha256sum | cut -c1-12)
  echo "$CACHE_ROOT/bin/kubernetes-$v-$hash"
}
kwok_bin_dir() { echo "$CACHE_ROOT/bin/kwok-$KWOK_VERSION"; }

with_lock() {
  local lockfile=$1 fd
  shift
  mkdir -p "$(dirname "$lockfile")"
  exec {fd}>"$lockfile"
  flock -w 3600 "$fd" || die "timed out waiting for lock $lockfile"
  "$@"
  exec {fd}>&-
}

find_go() {
  local go=${GO:-}
  [[ -n $go ]] || go=$(command -v go || true)
  [[ -n $go ]] || go=/usr/local/go/bin/go
  [[ -x $go ]] || die "Go not found (looked for \$GO, go on PATH, /usr/local/go/bin/go): it builds kube-apiserver and kwok once"
  echo "$go"
}

# Go's caches live in ours; no toolchain is ever downloaded (GOTOOLCHAIN=local).
go_env() {
  export GOTOOLCHAIN=local GOPATH=$CACHE_ROOT/go GOMODCACHE=$CACHE_ROOT/go/pkg/mod GOCACHE=$CACHE_ROOT/go/build
  export GOFLAGS="-buildvcs=false -mod=readonly -trimpath" CGO_ENABLED=0
}

build_kube() {
  local dir=$1 v go stage t0=$SECONDS
  [[ -x $dir/kube-apiserver && -x $dir/kubectl ]] && return 0
  go=$(find_go)
  v=$(kube_version)
  go_env
  local minor=${v#v1.}
  minor=${minor%%.*}
  mkdir -p "$(dirname "$dir")"
  stage=$(mktemp -d "$dir.partial.XXXXXX")
  log "building kube-apiserver and kubectl $v with $("$go" version | cut -d' ' -f3) (first run only: several minutes) ..."
  (cd "$KUBE_DIR/apiserver" &&
    "$go" build -o "$stage/" \
      -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$v -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl) >&2 ||
    { rm -rf "$stage"; die "building kube-apiserver $v failed (see the go output above)"; }
  chmod 755 "$stage"
  rm -rf "$dir"
  mv "$stage" "$dir"
  log "kube-apiserver and kubectl $v built in $((SECONDS - t0))s into $dir"
}

build_kwok() {
  local dir=$1 go stage mod t0=$SECONDS
  [[ -x $dir/kwok && -f $dir/stages.yaml ]] && return 0
  go=$(find_go)
  go_env
  mkdir -p "$(dirname "$dir")"
  stage=$(mktemp -d "$dir.partial.XXXXXX")
  log "building kwok $KWOK_VERSION (first run only) ..."
  GOBIN=$stage "$go" install "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" >&2 ||
    { rm -rf "$stage"; die "go install sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION failed"; }
  # kwok alone (unlike kwokctl) has no built-in stages: take the "fast" ones of this release.
  mod=$("$go" env GOMODCACHE)/sigs.k8s.io/kwok@$KWOK_VERSION/kustomize/stage
  local f
  for f in node/fast/node-initialize pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
    [[ -f $mod/$f.yaml ]] || { rm -rf "$stage"; die "kwok stage $f.yaml not found in $mod"; }
    printf -- '---\n# from sigs.k8s.io/kwok@%s kustomize/stage/%s.yaml\n' "$KWOK_VERSION" "$f"
    cat "$mod/$f.yaml"
  done >"$stage/stages.yaml"
  chmod 755 "$stage"
  rm -rf "$dir"
  mv "$stage" "$dir"
  log "kwok $KWOK_VERSION built in $((SECONDS - t0))s into $dir"
}

ensure_binaries() {
  local kube kwok
  kube=$(kube_bin_dir)
  kwok=$(kwok_bin_dir)
  command -v etcd >/dev/null || die "etcd not found: install Debian's etcd-server (./setup.sh does)"
  command -v etcdctl >/dev/null || die "etcdctl not found: install Debian's etcd-client (./setup.sh does)"
  command -v openssl >/dev/null || die "openssl not found"
  if ! [[ -x $kube/kube-apiserver && -x $kube/kubectl ]]; then
    with_lock "$CACHE_ROOT/.locks/go" build_kube "$kube"
  fi
  if ! [[ -x $kwok/kwok && -f $kwok/stages.yaml ]]; then
    with_lock "$CACHE_ROOT/.locks/go" build_kwok "$kwok"
  fi
  # Go's build cache is only needed to build again (a version change): ~1 GB less on disk.
  if [[ -d $CACHE_ROOT/go/build && -z ${FLINKTOP_KUBE_KEEP_GOCACHE:-} ]]; then
    with_lock "$CACHE_ROOT/.locks/go" rm -rf "$CACHE_ROOT/go/build"
  fi
}

# ---------------------------------------------------------------------------------------------
# Certificates (per instance; EC keys, so generating them all takes a fraction of a second)
# ---------------------------------------------------------------------------------------------

# issue NAME SUBJECT EXTENSIONS: a key and a certificate signed by the instance's CA.
issue() {
  local pki=$1 name=$2 subject=$3 ext=$4
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$pki/$name.key" 2>/dev/null
  openssl req -new -key "$pki/$name.key" -subj "$subject" -out "$pki/$name.csr" 2>/dev/null
  printf '%s\n' "$ext" >"$pki/$name.ext"
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 30 -sha256 -extfile "$pki/$name.ext" -out "$pki/$name.crt" 2>/dev/null
  rm -f "$pki/$name.csr" "$pki/$name.ext"
}

make_pki() {
  local pki=$1
  mkdir -p "$pki"
  (
    umask 077
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$pki/ca.key" 2>/dev/null
    openssl req -x509 -new -key "$pki/ca.key" -subj "/CN=flinktop-test-ca" -days 30 -sha256 \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -out "$pki/ca.crt" 2>/dev/null
    local server="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth"
    local client="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
    issue "$pki" apiserver "/CN=kube-apiserver" "$server
subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
    issue "$pki" kwok "/CN=kwok" "$server
subjectAltName=IP:127.0.0.1,DNS:localhost"
    issue "$pki" admin "/O=system:masters/CN=flinktop-test-admin" "$client"
    issue "$pki" apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" "$client"
    # The service-account token signing key (ES256).
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$pki/sa.key" 2>/dev/null
    openssl pkey -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
    rm -f "$pki/ca.srl"
  ) || die "openssl could not make the certificates in $pki"
}

b64() { base64 -w0 <"$1"; }

write_kubeconfig() {
  local inst=$1 server=$2 name=$3
  (
    umask 077
    cat >"$inst/kubeconfig" <<EOF
# Admin (system:masters) of the tests/env/kube.sh instance '$name'.
apiVersion: v1
kind: Config
clusters:
- name: flinktop-kube
  cluster:
    server: $server
    certificate-authority-data: $(b64 "$inst/pki/ca.crt")
users:
- name: admin
  user:
    client-certificate-data: $(b64 "$inst/pki/admin.crt")
    client-key-data: $(b64 "$inst/pki/admin.key")
contexts:
- name: flinktop-kube
  context:
    cluster: flinktop-kube
    user: admin
    namespace: default
current-context: flinktop-kube
EOF
  )
}

# ---------------------------------------------------------------------------------------------
# Processes of an instance
# ---------------------------------------------------------------------------------------------

# PIDs of the instance's processes: those in its pid files, plus any process whose command line
# names the instance's data, certificates, configuration, CRI logs or kubeconfig (every daemon
# does; so does a `kubectl port-forward` or flinktop a test left running on the kubeconfig), which
# also finds a daemon whose pid file was lost in a half-finished start. "[/]" keeps grep from
# finding its own command line; a user's `less log/...` is not matched.
inst_pids() {
  local inst=$1 f pat
  pat=$(printf '%s' "$inst" | sed 's/[][\\.^$*+?(){}|]/\\&/g')'[/](kubeconfig|pki/|etcd|kwok\.yaml|logs/)'
  {
    for f in "$inst"/pid/*.pid; do
      [[ -f $f ]] && cat "$f"
    done
    grep -lsaE -- "$pat" /proc/[0-9]*/cmdline | sed -E 's#^/proc/([0-9]+)/cmdline$#\1#'
  } | grep -E '^[0-9]+$' | grep -vx "$$" | sort -un || true
}

alive() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z ]]
}

# TERM, up to 15 s, then KILL and up to 5 s more.
kill_pids() {
  local pids=("$@") p i live
  ((${#pids[@]})) || return 0
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for ((i = 0; i < 100; i++)); do
    live=0
    for p in "${pids[@]}"; do alive "$p" && live=1; done
    ((live)) || return 0
    if ((i == 75)); then
      log "processes still alive after 15 s, sending KILL"
      for p in "${pids[@]}"; do alive "$p" && kill -KILL "$p" 2>/dev/null || true; done
    fi
    sleep 0.2
  done
  die "could not stop processes ${pids[*]}"
}

# Clients first, then the API server, then etcd: an API server whose etcd is gone spends its
# shutdown retrying it (15+ s instead of 1).
kill_inst() {
  local inst=$1 pids=() p apiserver etcd clients=()
  apiserver=$(pid_of "$inst" apiserver)
  etcd=$(pid_of "$inst" etcd)
  mapfile -t pids < <(inst_pids "$inst")
  for p in "${pids[@]}"; do
    [[ $p == "$apiserver" || $p == "$etcd" ]] || clients+=("$p")
  done
  kill_pids "${clients[@]}"
  [[ -n $apiserver ]] && kill_pids "$apiserver"
  [[ -n $etcd ]] && kill_pids "$etcd"
  mapfile -t pids < <(inst_pids "$inst")
  kill_pids "${pids[@]}"
}

# spawn INST NAME CMD...: a daemon in its own session (a Ctrl-C meant for the caller does not
# reach it), stdout/stderr to log/NAME.log, stdin from /dev/null (never holding the caller's pipes).
spawn() {
  local inst=$1 name=$2
  shift 2
  setsid "$@" </dev/null >>"$inst/log/$name.log" 2>&1 &
  echo $! >"$inst/pid/$name.pid"
}

pid_of() { cat "$1/pid/$2.pid" 2>/dev/null || true; }

inst_alive() { # true if any process of the instance is alive
  local p
  for p in $(inst_pids "$1"); do alive "$p" && return 0; done
  return 1
}

running() { # INST NAME: the daemon is alive
  local p
  p=$(pid_of "$1" "$2")
  [[ -n $p ]] && alive "$p"
}

# N free TCP ports on 127.0.0.1, all sockets held at once so they differ.
free_ports() {
  python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

show_log_tails() {
  local inst=$1 f
  for f in "$inst"/log/*.log; do
    [[ -s $f ]] || continue
    printf '\n----- tail of %s -----\n' "$f" >&2
    tail -n 15 "$f" >&2
  done
}

# ---------------------------------------------------------------------------------------------
# The pieces
# ---------------------------------------------------------------------------------------------

info_get() { sed -n "s/^$2=//p" "$1/info" 2>/dev/null | tail -n1; }

start_etcd() {
  local inst=$1 client=$2 peer=$3
  spawn "$inst" etcd etcd --name kube --data-dir "$inst/etcd" \
    --listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "kube=http://127.0.0.1:$peer" --initial-cluster-state new \
    --logger zap --log-level warn --quota-backend-bytes $((4 << 30))
}

etcdctl_() { ETCDCTL_API=3 etcdctl --endpoints "http://127.0.0.1:$(info_get "$1" ETCD_PORT)" "${@:2}"; }

apiserver_args() {
  local inst=$1 etcd_port=$2 port=$3 pki=$1/pki
  printf '%s\n' \
    --etcd-servers="http://127.0.0.1:$etcd_port" \
    --bind-address=127.0.0.1 --secure-port="$port" --advertise-address=127.0.0.1 \
    --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
    --client-ca-file="$pki/ca.crt" \
    --authorization-mode=RBAC \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --kubelet-certificate-authority="$pki/ca.crt" \
    --kubelet-client-certificate="$pki/apiserver-kubelet-client.crt" \
    --kubelet-client-key="$pki/apiserver-kubelet-client.key" \
    --kubelet-preferred-address-types=InternalIP \
    --endpoint-reconciler-type=none \
    --disable-admission-plugins=ServiceAccount \
    --feature-gates=WatchList=false \
    --profiling=false \
    --cert-dir="$pki" \
    --v=1
  # --endpoint-reconciler-type=none: the `kubernetes` Service gets no Endpoints (they would name
  #   127.0.0.1, which Endpoints refuse anyway). --disable-admission-plugins=ServiceAccount: no
  #   controller-manager creates each namespace's `default` ServiceAccount that pods would need.
  #   WatchList=false: a streaming list (sendInitialEvents) needs etcd's progress requests, which
  #   Debian's etcd 3.4.23 lacks; with the gate on, client-go (kwok's, the API server's own
  #   informers) asks for one anyway, gets an error event in the stream and only catches up at its
  #   next relist. Off, the request is refused up front and client-go lists and watches as before.
}

start_apiserver() {
  local inst=$1 args=()
  mapfile -t args <"$inst/apiserver.args"
  spawn "$inst" apiserver "$(kube_bin_dir)/kube-apiserver" "${args[@]}"
}

apiserver_ready() {
  local inst=$1
  [[ $(curl -s --max-time 2 -o /dev/null -w '%{http_code}' --cacert "$inst/pki/ca.crt" \
    --cert "$inst/pki/admin.crt" --key "$inst/pki/admin.key" \
    "https://127.0.0.1:$(info_get "$inst" API_PORT)/readyz" 2>/dev/null) == 200 ]]
}

# wait_for INST WHAT DAEMON... -- CHECK...: until CHECK succeeds; fails early if a DAEMON died.
wait_for() {
  local inst=$1 what=$2 deadline=$((SECONDS + START_TIMEOUT)) d daemons=()
  shift 2
  while (($#)) && [[ $1 != -- ]]; do daemons+=("$1"); shift; done
  shift
  while ((SECONDS < deadline)); do
    "$@" && return 0
    for d in "${daemons[@]}"; do
      running "$inst" "$d" || { log "$d exited while waiting for $what"; return 1; }
    done
    sleep 0.3
  done
  log "$what: not ready after ${START_TIMEOUT}s"
  return 1
}

etcd_healthy() { curl -sf --max-time 2 "http://127.0.0.1:$(info_get "$1" ETCD_PORT)/health" 2>/dev/null | grep -q '"health":"true"'; }

write_kwok_config() {
  local inst=$1 flink_port=$2 sink_port=$3 names jm tm
  names=$(python3 "$KUBE_DIR/seed.py" names)
  jm=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["jobmanager"])' "$names")
  jm_next=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["jobmanager_successor"])' "$names")
  tm=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["taskmanagers"][0])' "$names")
  {
    cat <<EOF
# kwok for the tests/env/kube.sh instance $(basename "$inst"): the stages make pods Running; the
# standalone cluster's JobManager pod (and the replacement a test makes) forwards 8081 to the real Flink, its first TaskManager pod's
# log (and the JobManager's) is the real Flink log converted to CRI; every other pod has a short one.
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterPortForward
metadata:
  name: standalone-jobmanager
spec:
  selector:
    matchNamespaces: [lyz]
    matchNames: [$jm, $jm_next]
  forwards:
  - ports: [8081]
    target:
      address: 127.0.0.1
      port: $flink_port
---
# The pod flinktop-bench/sink's port 8080 goes to 127.0.0.1:SINK_PORT (info), where nothing listens
# until a test or bench/port_forward.sh starts a server there: port-forward traffic of any size.
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterPortForward
metadata:
  name: sink
spec:
  selector:
    matchNamespaces: [flinktop-bench]
    matchNames: [sink]
  forwards:
  - ports: [8080]
    target:
      address: 127.0.0.1
      port: $sink_port
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: standalone-jobmanager
spec:
  selector:
    matchNamespaces: [lyz]
    matchNames: [$jm]
  logs:
  - logsFile: $inst/logs/jobmanager.cri.log
    follow: true
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: standalone-taskmanager
spec:
  selector:
    matchNamespaces: [lyz]
    matchNames: [$tm]
  logs:
  - logsFile: $inst/logs/taskmanager.cri.log
    follow: true
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: every-other-pod
spec:
  logs:
  - logsFile: $inst/logs/generic.cri.log
    follow: true
EOF
    cat "$(kwok_bin_dir)/stages.yaml"
  } >"$inst/kwok.yaml"
  echo "STANDALONE_JOBMANAGER_POD=$jm" >>"$inst/info"
  echo "STANDALONE_JOBMANAGER_SUCCESSOR_POD=$jm_next" >>"$inst/info"
  echo "STANDALONE_TASKMANAGER_POD=$tm" >>"$inst/info"
}

start_kwok() {
  local inst=$1 port=$2
  spawn "$inst" kwok "$(kwok_bin_dir)/kwok" --kubeconfig "$inst/kubeconfig" --config "$inst/kwok.yaml" \
    --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --server-address "127.0.0.1:$port" --node-ip 127.0.0.1 --node-port "$port" \
    --tls-cert-file "$inst/pki/kwok.crt" --tls-private-key-file "$inst/pki/kwok.key" \
    --cidr "$POD_CIDR"
}

kwok_healthy() {
  curl -sf --max-time 2 --cacert "$1/pki/ca.crt" "https://127.0.0.1:$(info_get "$1" KWOK_PORT)/healthz" >/dev/null 2>&1
}

kubectl_() { "$(kube_bin_dir)/kubectl" --kubeconfig "$1/kubeconfig" "${@:2}"; }

seed_clusters() {
  local inst=$1 flink_version=$2 pods=$3 crd
  for crd in flinkdeployments flinksessionjobs flinkstatesnapshots; do
    [[ -f $SHARED_DIR/reference/operator-crds/$crd.flink.apache.org-v1.yml ]] ||
      die "operator CRD $crd not found in $SHARED_DIR/reference/operator-crds (set FLINKTOP_SHARED_DIR)"
  done
  # create, not apply: the FlinkDeployment CRD is larger than apply's last-applied annotation may be.
  kubectl_ "$inst" create -f "$SHARED_DIR/reference/operator-crds/" >/dev/null
  sed "s/@FLINK_VERSION@/$flink_version/g" "$KUBE_DIR/standalone-seed.yaml" | kubectl_ "$inst" create -f - >/dev/null
  python3 "$KUBE_DIR/seed.py" --server "https://127.0.0.1:$(info_get "$inst" API_PORT)" \
    --ca "$inst/pki/ca.crt" --cert "$inst/pki/admin.crt" --key "$inst/pki/admin.key" \
    seed --flink-version "$flink_version" --pods "$pods" --timeout "$START_TIMEOUT"
}

# One attempt. Returns 0 when ready, 2 when a port was taken meanwhile (retry with new ones),
# 1 on any other failure.
launch() {
  local inst=$1 flink_url=$2 flink_version=$3 pods=$4 etcd_port peer_port api_port kwok_port sink_port
  read -r etcd_port peer_port api_port kwok_port sink_port <<<"$(free_ports 5)"
  [[ -n $sink_port ]] || { log "could not pick free ports"; return 1; }
  {
    echo "ETCD_PORT=$etcd_port"
    echo "API_PORT=$api_port"
    echo "KWOK_PORT=$kwok_port"
    echo "SINK_PORT=$sink_port"
    echo "SERVER=https://127.0.0.1:$api_port"
  } >>"$inst/info"

  start_etcd "$inst" "$etcd_port" "$peer_port"
  wait_for "$inst" etcd etcd -- etcd_healthy "$inst" || return "$(port_clash "$inst")"

  apiserver_args "$inst" "$etcd_port" "$api_port" >"$inst/apiserver.args"
  start_apiserver "$inst"
  write_kubeconfig "$inst" "https://127.0.0.1:$api_port" "$(basename "$inst")"
  wait_for "$inst" kube-apiserver etcd apiserver -- apiserver_ready "$inst" || return "$(port_clash "$inst")"

  write_kwok_config "$inst" "${flink_url##*:}" "$sink_port"
  start_kwok "$inst" "$kwok_port"
  wait_for "$inst" kwok kwok -- kwok_healthy "$inst" || return "$(port_clash "$inst")"

  # The real Flink's logs as container logs, before any pod exists that shows them.
  python3 "$KUBE_DIR/seed.py" cri-log "$inst/logs/generic.cri.log"
  : >"$inst/logs/taskmanager.cri.log"
  : >"$inst/logs/jobmanager.cri.log"
  spawn "$inst" cri-log python3 "$KUBE_DIR/cri_log.py" --watch-dir "$inst" \
    "$(info_get "$inst" FLINK_TM_LOG):$inst/logs/taskmanager.cri.log" \
    "$(info_get "$inst" FLINK_JM_LOG):$inst/logs/jobmanager.cri.log"

  seed_clusters "$inst" "$flink_version" "$pods" || { log "creating the clusters failed"; return 1; }
  running "$inst" kwok && running "$inst" apiserver && running "$inst" etcd || { log "a daemon exited"; return 1; }
  return 0
}

port_clash() {
  if grep -qsE 'address already in use|bind: ' "$1"/log/*.log; then
    log "a port was taken meanwhile"
    echo 2
  else
    echo 1
  fi
}

flink_version_of() { cat "$("$FLINK_SH" dir --name "$1" 2>/dev/null)/version" 2>/dev/null || true; }

# Until a start has succeeded, any exit (an error, Ctrl-C, a killed caller) stops what it started:
# no stray process, the logs kept for a post-mortem.
start_exit() {
  local rc=$?
  [[ ${START_OK:-0} == 1 || -z ${STARTING:-} ]] && return "$rc"
  cmd_stop "$STARTING" 1 >/dev/null 2>&1 || true
  return "$rc"
}

cmd_start() {
  local name=$1 pods=$2 flink_instance=$3 flink_version=$4 inst attempt rc t0=$SECONDS flink_url
  [[ $pods =~ ^[0-9]+$ ]] || die "--pods needs a number, got '$pods'"
  ensure_binaries
  log "binaries ready ($((SECONDS - t0))s)"
  inst=$(inst_dir "$name")
  if [[ -d $inst ]]; then
    inst_alive "$inst" && die "instance '$name' is already running ($inst); stop it first"
    rm -rf "$inst" # leftovers of a crashed or failed run
  fi
  mkdir -p "$inst"/{pki,log,pid,logs}
  STARTING=$name
  trap start_exit EXIT
  trap 'log "interrupted: stopping the half-started instance"; exit 130' INT TERM

  if [[ -z $flink_instance ]]; then
    flink_instance=kube-$name
    echo "OWN_FLINK=1" >>"$inst/info"
    log "starting the real Flink $flink_version behind the standalone cluster (flink.sh instance '$flink_instance') ..."
    flink_url=$("$FLINK_SH" start "$flink_version" --name "$flink_instance" | tail -n1) ||
      die "tests/env/flink.sh could not start Flink $flink_version"
  else
    flink_url=$("$FLINK_SH" url --name "$flink_instance") || die "no running flink.sh instance '$flink_instance'"
    flink_version=$(flink_version_of "$flink_instance")
    [[ -n $flink_version ]] || die "cannot tell the version of flink.sh instance '$flink_instance'"
  fi
  {
    echo "NAME=$name"
    echo "KUBECONFIG=$inst/kubeconfig"
    echo "CONTEXT=flinktop-kube"
    echo "FLINK_INSTANCE=$flink_instance"
    echo "FLINK_VERSION=$flink_version"
    echo "FLINK_URL=$flink_url"
    echo "FLINK_DIR=$("$FLINK_SH" dir --name "$flink_instance")"
    echo "FLINK_TM_LOG=$("$FLINK_SH" log --name "$flink_instance" taskmanager)"
    echo "FLINK_JM_LOG=$("$FLINK_SH" log --name "$flink_instance" jobmanager)"
    echo "TASKMANAGER_CRI_LOG=$inst/logs/taskmanager.cri.log"
    echo "KUBECTL=$(kube_bin_dir)/kubectl"
    echo "SCALE_PODS=$pods"
  } >>"$inst/info"

  make_pki "$inst/pki"
  for attempt in 1 2 3; do
    log "starting etcd, kube-apiserver $(kube_version), kwok $KWOK_VERSION as instance '$name' in $inst (attempt $attempt) ..."
    rc=0
    launch "$inst" "$flink_url" "$flink_version" "$pods" || rc=$?
    if ((rc == 0)); then
      START_OK=1
      trap - INT TERM
      log "ready in $((SECONDS - t0))s: $(kubectl_ "$inst" get pods -A --no-headers 2>/dev/null | wc -l) pods Running; API server $(info_get "$inst" SERVER)"
      echo "$inst/kubeconfig"
      return 0
    fi
    show_log_tails "$inst"
    kill_inst "$inst"
    ((rc == 2 && attempt < 3)) || break
    # Keep what does not depend on the ports; start the daemons afresh.
    sed -i '/^\(ETCD_PORT\|API_PORT\|KWOK_PORT\|SERVER\|STANDALONE_[A-Z_]*\)=/d' "$inst/info"
    rm -rf "$inst/etcd" "$inst"/pid/* "$inst"/log/*.log
  done
  die "the control plane (instance '$name') failed to start; logs kept in $inst/log"
}

cmd_stop() {
  local name=$1 keep_logs=$2 inst flink e
  inst=$(inst_dir "$name")
  if [[ ! -d $inst ]]; then
    log "instance '$name' is not running"
    return 0
  fi
  kill_inst "$inst"
  if [[ $(info_get "$inst" OWN_FLINK) == 1 ]]; then
    flink=$(info_get "$inst" FLINK_INSTANCE)
    [[ -n $flink ]] && "$FLINK_SH" stop --name "$flink" >&2
  fi
  if ((keep_logs)) && [[ -d $inst/log ]]; then
    for e in "$inst"/* "$inst"/.[!.]*; do
      [[ -e $e && $e != "$inst/log" ]] && rm -rf "$e"
    done
  else
    rm -rf "$inst"
  fi
  log "instance '$name' stopped"
}

require_running() {
  local inst
  inst=$(inst_dir "$1")
  [[ -f $inst/kubeconfig ]] && running "$inst" apiserver || die "instance '$1' is not running (tests/env/kube.sh start --name $1)"
  echo "$inst"
}

cmd_restart_apiserver() {
  local name=$1 compact=$2 inst rev t0=$SECONDS
  inst=$(require_running "$name")
  kill_pids "$(pid_of "$inst" apiserver)"
  if ((compact)); then
    # A write the API server does not see moves etcd's revision past everything it handed out;
    # compacting to it leaves no older revision, so the restarted watch cache cannot serve a
    # watch from any of them.
    etcdctl_ "$inst" put /flinktop-test/compaction-marker "$(date +%s%N)" >/dev/null
    rev=$(etcdctl_ "$inst" endpoint status -w json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Status"]["header"]["revision"])')
    etcdctl_ "$inst" compact "$rev" >/dev/null
    log "etcd compacted to revision $rev"
  fi
  start_apiserver "$inst"
  wait_for "$inst" kube-apiserver apiserver -- apiserver_ready "$inst" || {
    show_log_tails "$inst"
    die "kube-apiserver did not come back"
  }
  if ((compact)); then
    # kwok 0.8's pod watch recovers from the compaction only through slow periodic relists (new
    # pods stay Pending, deleted ones Terminating, for tens of seconds), which would leak into
    # the tests that run after this one. The flinktop side is what is under test: restart kwok.
    kill_pids "$(pid_of "$inst" kwok)"
    start_kwok "$inst" "$(info_get "$inst" KWOK_PORT)"
    wait_for "$inst" kwok kwok -- kwok_healthy "$inst" || { show_log_tails "$inst"; die "kwok did not come back"; }
  fi
  log "kube-apiserver restarted in $((SECONDS - t0))s"
}

main() {
  local cmd=${1:-} name=default inst pods=0 flink_instance="" flink_version=$DEFAULT_FLINK_VERSION keep_logs=0 compact=0
  [[ -n $cmd ]] || { usage >&2; exit 2; }
  shift
  case $cmd in
    -h | --help | help) usage; exit 0 ;;
    install)
      ensure_binaries
      kube_bin_dir
      exit 0
      ;;
    kubectl)
      if [[ ${1:-} == --name ]]; then name=${2:-}; shift 2 || die "--name needs a value"; fi
      [[ ${1:-} == --name=* ]] && { name=${1#--name=}; shift; }
      check_name "$name"
      inst=$(require_running "$name")
      exec "$(kube_bin_dir)/kubectl" --kubeconfig "$inst/kubeconfig" "$@"
      ;;
  esac
  while (($#)); do
    case $1 in
      --name) [[ $# -ge 2 ]] || die "--name needs a value"; name=$2; shift 2 ;;
      --name=*) name=${1#--name=}; shift ;;
      --pods) [[ $cmd == start && $# -ge 2 ]] || die "--pods N is for start"; pods=$2; shift 2 ;;
      --flink) [[ $cmd == start && $# -ge 2 ]] || die "--flink INSTANCE is for start"; flink_instance=$2; shift 2 ;;
      --flink-version) [[ $cmd == start && $# -ge 2 ]] || die "--flink-version V is for start"; flink_version=$2; shift 2 ;;
      --keep-logs) [[ $cmd == stop ]] || die "--keep-logs is for stop"; keep_logs=1; shift ;;
      --compact) [[ $cmd == restart-apiserver ]] || die "--compact is for restart-apiserver"; compact=1; shift ;;
      *) die "unexpected argument '$1' (see: tests/env/kube.sh help)" ;;
    esac
  done
  check_name "$name"
  [[ $RUN_ROOT != *[[:space:]]* ]] || die "FLINKTOP_KUBE_RUN must not contain whitespace"
  case $cmd in
    start) cmd_start "$name" "$pods" "$flink_instance" "$flink_version" ;;
    stop) cmd_stop "$name" "$keep_logs" ;;
    kubeconfig)
      inst=$(require_running "$name")
      echo "$inst/kubeconfig"
      ;;
    info)
      inst=$(require_running "$name")
      cat "$inst/info"
      ;;
    dir)
      [[ -d $(inst_dir "$name") ]] || die "instance '$name' does not exist"
      inst_dir "$name"
      ;;
    restart-apiserver) cmd_restart_apiserver "$name" "$compact" ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
