#!/usr/bin/env bash
# flinktop's entry point on a fresh Debian machine. Installs whatever is missing (apt, through sudo
# when not root), builds, then either starts flinktop or runs every test.
#
#   ./setup.sh run [FLINKTOP ARGS...]   build (Release) and start flinktop (on its built-in demo
#                                       when no arguments are given)
#   ./setup.sh test                     build, run all tests, then all tests again under ASan+UBSan
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  g++ cmake ninja-build pkg-config
  libcurl4-openssl-dev libssl-dev openssl nlohmann-json3-dev libyaml-cpp-dev libfmt-dev libncurses-dev
  libcli11-dev libre2-dev libcpp-httplib-dev zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev tmux
  # the real Flink of the integration tests (tests/env/flink.sh): PyPI, Maven Central, a JRE
  openjdk-17-jre-headless maven curl python3 python3-pip util-linux
  # the Kubernetes control plane of the integration tests (tests/env/kube.sh; kube-apiserver and
  # kwok are built with the machine's Go on first use)
  etcd-server etcd-client
)

install_missing() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  local dir=$1
  shift
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -- -j"$(nproc)"
}

command=${1:-run}
shift || true
case "$command" in
  run)
    install_missing
    build build-release -DCMAKE_BUILD_TYPE=Release -DFLINKTOP_TESTS=OFF -DFLINKTOP_BENCH=OFF
    # No arguments: the built-in demo, so a first run shows flinktop working without a cluster.
    [ "$#" -gt 0 ] || set -- --demo
    exec ./build-release/flinktop "$@"
    ;;
  test)
    install_missing
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    ctest --test-dir build --output-on-failure -j"$(nproc)"
    echo "setup: the same tests under AddressSanitizer + UndefinedBehaviorSanitizer" >&2
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DFLINKTOP_SANITIZE=ON -DFLINKTOP_BENCH=OFF
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --test-dir build-asan --output-on-failure -j"$(nproc)"
    ;;
  *)
    echo "usage: ./setup.sh run [flinktop args...] | ./setup.sh test" >&2
    exit 2
    ;;
esac
