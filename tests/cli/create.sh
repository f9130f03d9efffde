#!/usr/bin/env bash
# `flinktop templates` and `flinktop create` where no cluster is needed: the shipped templates and
# their keys, a template rendered by the client (--dry-run=client), a native cluster's command
# (shown, never run), a user's template overriding a shipped one, and the one-line errors.
set -u
flinktop=$1
source_dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" HOME="$tmp" KUBECONFIG=/dev/null
source "$(dirname "$0")/lib/expect.bash"

listing=$("$flinktop" templates)
for name in operator-application operator-session session-job standalone-session standalone-application \
  pyflink-application native-session native-application native-pyflink-application; do
  grep -qE "^$name( |$)" <<<"$listing" || fail "templates lacks $name: $listing"
done
grep -qE '^  parallelism=2 +the job.s parallelism$' <<<"$listing" || fail "templates lacks operator-application's keys"
expect 0 'deployment=my-session' -- "$flinktop" templates session-job
expect 6 'no template "nope"; there are: native-application' -- "$flinktop" templates nope

# Rendered by the client: the values given, typed; nothing sent (no kubeconfig is needed).
yaml=$("$flinktop" create operator-application -n apps --set name=orders --set parallelism=4 \
  --set savepointDir=s3://b/sp --set args=--input,x --dry-run=client)
for line in '^  name: orders$' '^  namespace: apps$' '^    parallelism: 4$' 'state.savepoints.dir: s3://b/sp' \
  '^ +- --input$' '^ +- x$'; do
  grep -qE -- "$line" <<<"$yaml" || fail "dry-run yaml lacks /$line/: $yaml"
done
grep -q 'entryClass' <<<"$yaml" && fail "an empty entryClass should be left out: $yaml"
"$flinktop" create standalone-session --set name=s --dry-run=client -o json | python3 -c '
import json, sys
d = json.load(sys.stdin)
kinds = [o["kind"] for o in d["items"]]
assert kinds == ["ConfigMap", "Service", "Service", "Deployment", "Deployment"], kinds
' || fail "standalone-session: not its five objects in creation order"

# A native cluster: the command of Flink's client, its values one shell word each; never run.
cmd=$("$flinktop" create native-application -n apps --set "name=my app" --set entryClass=com.example.Job 2>"$tmp/err")
grep -q "^./bin/flink run-application --target kubernetes-application \\\\$" <<<"$cmd" || fail "native command: $cmd"
grep -q "'-Dkubernetes.cluster-id=my app'" <<<"$cmd" || fail "native command does not quote the name: $cmd"
grep -q -- "--class com.example.Job" <<<"$cmd" || fail "native command lacks the class: $cmd"
grep -q "savepoints" <<<"$cmd" && fail "an empty savepointDir should drop its line: $cmd"
grep -q "does not run it" "$tmp/err" || fail "native: no word that flinktop does not run it: $(cat "$tmp/err")"

# A user's template of the same name wins over the shipped one.
mkdir -p "$tmp/config/flinktop/templates"
printf '# description: mine\n# key name: x — n\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: "${name}-mine"}\n' \
  >"$tmp/config/flinktop/templates/session-job.yaml"
expect 0 'name: y-mine' -- "$flinktop" create session-job --set name=y --dry-run=client
printf '# description: broken\n# key n nonsense: 1\n' >"$tmp/config/flinktop/templates/broken.yaml"
expect 3 'broken.yaml line 2: "nonsense" is not a type' -- "$flinktop" templates
rm "$tmp/config/flinktop/templates/broken.yaml"

expect 2 'has no key "paralelism"; its keys: name, namespace' -- "$flinktop" create operator-application --set paralelism=3 --dry-run=client
expect 2 'parallelism=many: parallelism takes a whole number' -- "$flinktop" create operator-application --set parallelism=many --dry-run=client
expect 2 'set x: say KEY=VALUE' -- "$flinktop" create operator-application --set x --dry-run=client
expect 2 'a template.s name or -f FILE' -- "$flinktop" create
expect 2 '--set goes with a template' -- "$flinktop" create -f "$tmp/x.yaml" --set a=b
expect 2 'read-only' -- "$flinktop" --readonly create operator-session
printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n' >"$tmp/secret.yaml"
expect 2 'this one is a Secret' -- "$flinktop" create -f "$tmp/secret.yaml" --kubeconfig "$tmp/none"

[ "$failures" -eq 0 ] && echo "cli create: all passed" || { echo "cli create: $failures failed"; exit 1; }
