#!/usr/bin/env bash
# The binary as a user meets it: --version, --help, and the one-line errors and exit codes for bad
# flags and bad kubeconfigs (documented in --help and the man page).
set -u
flinktop=$1
source_dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/lib/expect.bash"

expect 0 '^flinktop [0-9]+\.[0-9]+\.[0-9]+$' -- "$flinktop" --version
expect 0 '^flinktop [0-9]+\.[0-9]+\.[0-9]+$' -- "$flinktop" version
help=$("$flinktop" --help)
for word in get version --kubeconfig --context --all-contexts --namespace --all-namespaces --readonly \
  'Exit codes' '3  configuration'; do
  grep -q -- "$word" <<<"$help" || fail "--help lacks $word"
done
get_help=$("$flinktop" get --help)
for word in --output --cluster --no-headers 'clusters' 'pods'; do
  grep -q -- "$word" <<<"$get_help" || fail "get --help lacks $word"
done

expect 2 'flinktop: .*--bogus' -- "$flinktop" --bogus
expect 2 'unknown resource "jobz"' -- "$flinktop" get jobz --kubeconfig /dev/null
expect 2 'output' -- "$flinktop" get clusters -o yaml
expect 2 'exclude each other' -- "$flinktop" get clusters -n a -A --kubeconfig "$tmp/none"
expect 3 'flinktop: .*'"$tmp"'/missing' -- "$flinktop" get clusters --kubeconfig "$tmp/missing"

printf 'apiVersion: v1\nclusters: [\n  - name: x\n' >"$tmp/broken.yaml"
expect 3 'broken.yaml:[0-9]+: malformed YAML' -- "$flinktop" get clusters --kubeconfig "$tmp/broken.yaml"

cat >"$tmp/one.yaml" <<'YAML'
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster: {server: "https://127.0.0.1:1"}
users:
- name: alice
  user: {token: "s3cr3t-token-value"}
contexts:
- name: dev
  context: {cluster: local, user: alice, namespace: flink}
current-context: dev
YAML
expect 3 'context "nope" not found.*dev' -- "$flinktop" get clusters --kubeconfig "$tmp/one.yaml" --context nope
# Port 1 on loopback refuses: one line naming the server, exit 4, and never the token.
out=$("$flinktop" get clusters --kubeconfig "$tmp/one.yaml" 2>&1)
rc=$?
[ "$rc" -eq 4 ] || fail "unreachable server: exit $rc, want 4 ($out)"
grep -q '127.0.0.1:1' <<<"$out" || fail "unreachable server message lacks the address: $out"
[ "$(wc -l <<<"$out")" -eq 1 ] || fail "unreachable server: more than one line: $out"
grep -q 's3cr3t' <<<"$out" && fail "the token leaked: $out"

if [ -f "$source_dir/man/flinktop.1" ] && command -v man >/dev/null; then
  MANWIDTH=80 man -l "$source_dir/man/flinktop.1" 2>&1 >/dev/null | grep -q . && fail "man page renders with warnings"
fi

[ "$failures" -eq 0 ] && echo "cli basics: all passed"
exit "$failures"
