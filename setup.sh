#!/usr/bin/env bash
# flinktop's entry point on a fresh Debian machine. Installs whatever is missing (apt, through sudo
# when not root), builds, then either starts flinktop or runs every test.
#
#   ./setup.sh run [FLINKTOP ARGS...]   build (Release) and start flinktop (on its built-in demo
#                                       when no arguments are given)
#   ./setup.sh test                     build, run all tests, then all tests again under ASan+UBSan,
#                                       then the unit tests (unit_tests; no cli.*, no integration.*)
#                                       under ThreadSanitizer: any data race it reports fails
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  g++ cmake ninja-build pkg-config
  libcurl4-openssl-dev libssl-dev openssl nlohmann-json3-dev libyaml-cpp-dev libfmt-dev libncurses-dev
  libcli11-dev libre2-dev libcpp-httplib-dev zlib1g-dev libboost-dev
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

# ThreadSanitizer's stage: the unit tests only (the races we look for are between our own threads,
# which the unit tests drive; the integration tests' time goes to real Flink and Kubernetes).
tsan_unit_tests() {
  # g++ 12's libtsan knows the address layout of kernels with at most 28 bits of mmap
  # randomisation; with more (vm.mmap_rnd_bits > 28) an instrumented program aborts at start with
  # "FATAL: ThreadSanitizer: unexpected memory mapping". Without ASLR the layout is the fixed one
  # it knows, so everything that runs an instrumented program (the build lists the tests by running
  # unit_tests; ctest; the flinktop the tests start, which inherits the personality) runs under
  # `setarch -R`. A container may refuse personality(): then without it, which works whenever
  # mmap_rnd_bits <= 28 (and fails loudly at the first test otherwise).
  local no_aslr=()
  if setarch "$(uname -m)" -R true 2>/dev/null; then
    no_aslr=(setarch "$(uname -m)" -R)
  else
    echo "setup: setarch -R is not permitted here; TSan runs with ASLR" \
      "(vm.mmap_rnd_bits=$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo '?'))" >&2
  fi
  # -O1 -g1: the build is most of this stage's time. -O0 would halve a TU's CPU (11.6 vs 23.7 s at
  # -O2 -g) but makes the instrumented tests, some of which run flinktop in tmux against deadlines,
  # far slower; -O1 is TSan's own advice, and line tables (-g1) are all a report needs.
  cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" \
    -DFLINKTOP_TSAN=ON -DFLINKTOP_BENCH=OFF >/dev/null
  "${no_aslr[@]}" cmake --build build-tsan --target unit_tests -- -j"$(nproc)"
  # Reports go to files, not to stderr: a race in a flinktop that a test runs in tmux or with its
  # output captured would otherwise go unseen. halt_on_error makes the racing process exit (66), so
  # its test fails; any report file left fails the stage too, and is printed.
  local reports=build-tsan/tsan-reports
  rm -rf "$reports"
  mkdir -p "$reports"
  local status=0
  # ^integration[._] and ^cli\. : the integration and CLI tests (integration_tests, not built here,
  # shows up as integration_tests_NOT_BUILT).
  # tests/tsan.supp: reports inside uninstrumented third-party libraries only, each with its evidence.
  TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:history_size=4:suppressions=$PWD/tests/tsan.supp:log_path=$PWD/$reports/tsan" \
    "${no_aslr[@]}" ctest --test-dir build-tsan --output-on-failure -j"$(nproc)" -E '^(integration[._]|cli\.)' ||
    status=$?
  local report
  for report in "$reports"/tsan.*; do
    [ -e "$report" ] || continue
    echo "setup: ThreadSanitizer report $report:" >&2
    cat "$report" >&2
    status=1
  done
  return "$status"
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
    # Every test runs once, under AddressSanitizer + UndefinedBehaviorSanitizer, on a Debug build
    # (asserts on). A second, unsanitized run of the same tests found nothing this one misses and
    # cost a third of CI's hour (a -O2 -g build of ~300 files on 2 cores, and the same ~9 min of
    # tests again). The benchmarks are built too, so they keep compiling; bench/run measures them
    # on its own Release build.
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DFLINKTOP_SANITIZE=ON
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --test-dir build-asan --output-on-failure -j"$(nproc)"
    echo "setup: the unit tests under ThreadSanitizer" >&2
    tsan_unit_tests
    ;;
  *)
    echo "usage: ./setup.sh run [flinktop args...] | ./setup.sh test" >&2
    exit 2
    ;;
esac
