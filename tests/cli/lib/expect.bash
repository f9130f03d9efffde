# What the tests/cli/*.sh scripts share (sourced; not a test itself): count failures, and check a
# command's exit code and output.
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect CODE PATTERN -- command...: exit code and a pattern the combined output must contain.
expect() {
  local code=$1 pattern=$2
  shift 3
  local out rc
  out=$("$@" 2>&1)
  rc=$?
  [ "$rc" -eq "$code" ] || fail "$*: exit $rc, want $code; output: $out"
  grep -qE -- "$pattern" <<<"$out" || fail "$*: output lacks /$pattern/: $out"
}
