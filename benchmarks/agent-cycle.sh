#!/usr/bin/env bash
# Agent-cycle benchmark (issue 6: "an agent cycle over 1,000 deployments with one change: <= 2 s, and unchanged
# objects are not re-sent").
#
#   benchmarks/agent-cycle.sh [--deployments N] [--namespaces M] [--runs K] [--warmup W] [--seed S]
#
# Runs io.flinkops.bench.AgentCycleBench: generates a repo (default 1,000 deployments in 100 namespaces, seed 1)
# into a bare Git remote and runs the real agent cycle in one JVM, as the running agent does, against the fabric8
# mock API server (CRUD mode, the operator's CRDs): the initial cycle (everything applied), W untimed warm-up rounds
# (default 2), then K times (default 5) a cycle after a commit changing one deployment and a cycle with no change.
# Prints a Markdown table to stdout (cycle kind | deployments | median wall (ms) | write requests, as counted by the
# mock server); each cycle's step times and writes go to stderr.
# Builds the harness first if it is missing (MVN_ARGS, e.g. "-o", is passed to Maven); JAVA_OPTS go to the JVM.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CLASSES="$ROOT/benchmarks/target/test-classes:$ROOT/benchmarks/target/classes"
CLASSPATH_FILE="$ROOT/benchmarks/target/harness.classpath"
if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then sed -n '2,13p' "$0"; exit 0; fi

if [[ ! -f "$CLASSPATH_FILE" || ! -f "$ROOT/benchmarks/target/test-classes/io/flinkops/bench/AgentCycleBench.class" ]]; then
  echo "building the harness..." >&2
  (cd "$ROOT" && mvn -B -q -ntp ${MVN_ARGS:-} -DskipTests -pl benchmarks -am package) >&2
fi

WORK="$ROOT/benchmarks/target/bench/agent"
rm -rf "$WORK"
mkdir -p "$WORK"
exec "${JAVA:-java}" ${JAVA_OPTS:-} -cp "$CLASSES:$(cat "$CLASSPATH_FILE")" io.flinkops.bench.AgentCycleBench --work "$WORK" "$@"
