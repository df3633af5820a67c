#!/usr/bin/env bash
# flinkops entrypoint: fills the ${NAME} references of the Flink configuration from environment variables
# (Kubernetes Secrets reach the container as env vars) and then starts the image's own entrypoint.
#
# Flink's native Kubernetes integration starts JobManager and TaskManager pods with the command
# `kubernetes.entry.path` (this script) and mounts the configuration from a read-only ConfigMap
# (FLINK_CONF_DIR). Neither Flink nor the image's docker-entrypoint.sh expands variables there, so this
# script copies the configuration to a writable directory, appends each referenced key with its value
# filled in (the last occurrence of a key wins in both of Flink's config formats), points FLINK_CONF_DIR
# at the copy and execs the next entrypoint with the same arguments. Secret values live only in this
# container's environment and in the copy; they are never written into a Kubernetes object, and since the
# JobManager reads the same file it started from, it passes none of them on to the TaskManager pods it
# creates. Written by flinkops (docs/render-mapping.md, "Secrets"); do not edit in the cluster.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_dir="${FLINK_CONF_DIR:-${FLINK_HOME:-/opt/flink}/conf}"
target_dir="${FLINKOPS_CONF_DIR:-/opt/flinkops/conf}"
next="/docker-entrypoint.sh"
if [[ -f "$here/next-entrypoint" ]]; then
  next="$(<"$here/next-entrypoint")"
fi

fail() {
  echo "flinkops-entrypoint: $*" >&2
  exit 1
}

# The value of ${NAME} references in $1, from the environment. Names may contain . and -, which shell
# variables cannot, so they are read with printenv.
expand() {
  local rest="$1" out="" name value
  while [[ "$rest" =~ \$\{([A-Za-z0-9_.-]+)\} ]]; do
    name="${BASH_REMATCH[1]}"
    out+="${rest%%"${BASH_REMATCH[0]}"*}"
    value="$(printenv -- "$name")" || fail "environment variable $name is not set"
    out+="$value"
    rest="${rest#*"${BASH_REMATCH[0]}"}"
  done
  printf '%s' "$out$rest"
}

# A YAML double-quoted scalar holding $1 exactly.
yaml_quote() {
  local v="$1"
  v="${v//\\/\\\\}"
  v="${v//\"/\\\"}"
  v="${v//$'\n'/\\n}"
  v="${v//$'\r'/\\r}"
  v="${v//$'\t'/\\t}"
  printf '"%s"' "$v"
}

mkdir -p "$target_dir"
for f in "$source_dir"/*; do
  [[ -f "$f" ]] && cp -L "$f" "$target_dir/"
done

if [[ -f "$target_dir/flink-conf.yaml" ]]; then
  conf="$target_dir/flink-conf.yaml"
  format=legacy
elif [[ -f "$target_dir/config.yaml" ]]; then
  conf="$target_dir/config.yaml"
  format=yaml
else
  fail "no flink-conf.yaml or config.yaml in $source_dir"
fi

# The file may not end with a newline.
[[ -s "$conf" && -n "$(tail -c 1 "$conf")" ]] && echo >> "$conf"

for ref in "$here"/ref-*; do
  [[ -f "$ref" ]] || continue
  { IFS= read -r key; template="$(cat)"; } < "$ref"
  value="$(expand "$template")"
  if [[ "$format" == legacy ]]; then
    # flink-conf.yaml is read line by line: everything after '#' is a comment, the value is trimmed, and
    # a line break ends it, so such values cannot be written there.
    case "$value" in
      *'#'* | *$'\n'* | *$'\r'*) fail "the value of $key contains '#' or a line break, which flink-conf.yaml cannot hold" ;;
    esac
    [[ "$value" =~ ^[[:space:]] || "$value" =~ [[:space:]]$ ]] && fail "the value of $key starts or ends with whitespace, which flink-conf.yaml would drop"
    printf '%s: %s\n' "$key" "$value" >> "$conf"
  else
    stripped="${value//[$'\n\r\t']/}"
    [[ "$stripped" == *[[:cntrl:]]* ]] && fail "the value of $key contains a control character, which config.yaml cannot hold"
    printf '%s: %s\n' "$key" "$(yaml_quote "$value")" >> "$conf"
  fi
done

export FLINK_CONF_DIR="$target_dir"
exec "$next" "$@"
