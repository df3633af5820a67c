#!/usr/bin/env bash
# Whole-process benchmarks of the flinkops CLI on synthetic config repos (issue 6).
#
#   benchmarks/run.sh [--quick] [--runs K] [--out FILE] [--jmh | --no-jmh] [--no-kustomize] [--kustomize-max N] [--no-agent]
#
#   --quick   100 and 1,000 deployments (10 and 100 namespaces), 3 runs each; .ci/run runs it with --runs 1.
#   default   1,000 and 10,000 deployments in 100 namespaces, 5 runs each.
#   --out     Markdown results file (default: benchmarks/target/bench/results-<mode>.md).
#   --jmh     also the JMH stage benchmarks (benchmarks/jmh.sh, same mode); the default in full mode only,
#             --no-jmh skips them. Their table goes to benchmarks/target/bench/jmh-<mode>.txt and the results.
#   --no-kustomize      no `kubectl kustomize` rows (by default they are measured when kubectl is on PATH).
#   --kustomize-max N   largest kustomize tree (default 5000): above it, kustomize and flinkops render are
#                       compared at N instead (kustomize takes minutes per run at 10,000).
#   --no-agent          no agent-cycle rows (benchmarks/agent-cycle.sh: 1,000 deployments, or 100 in quick mode).
#
# For each size it generates a repo (io.flinkops.bench.RepoGenerator, seed 1), commits it (git), commits a
# one-deployment change, stages another one, and times the `flinkops` launcher (what users run: the JVM options and
# the AppCDS archive it adds are part of the measurement; FLINKOPS=... runs another command instead):
#   --version | validate examples/repo and the pre-commit hook there (validate --staged after a staged one-line change)
#   | validate DIR | render DIR --out OUT | validate --staged (after the staged one-file change)
#   | diff --base HEAD~1 (the committed change, plus the staged one)
# Reported: the median over the runs of wall time, CPU time (user+sys) and peak RSS, measured with GNU time
# (/usr/bin/time; Debian/Ubuntu: apt-get install time). Exits non-zero if any command fails.
# Where kubectl is on PATH, each size is also rendered as an equivalent kustomize tree
# (io.flinkops.bench.KustomizeTreeGenerator) with `kubectl kustomize`, timed the same way, with a ratio row.
# Builds the jar and the generator first if they are missing (MVN_ARGS, e.g. "-o", is passed to Maven).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/compiler/target/flinkops.jar"
GEN_CLASSES="$ROOT/benchmarks/target/classes"
MODE=full
RUNS=""
OUT=""
JMH=""
KUSTOMIZE=yes
KUSTOMIZE_MAX=5000
AGENT=yes
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) MODE=quick ;;
    --runs) RUNS="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    --jmh) JMH=yes ;;
    --no-jmh) JMH=no ;;
    --no-kustomize) KUSTOMIZE=no ;;
    --kustomize-max) KUSTOMIZE_MAX="$2"; shift ;;
    --no-agent) AGENT=no ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
if [[ "$MODE" == quick ]]; then SIZES=("100:10" "1000:100"); RUNS="${RUNS:-3}"; JMH="${JMH:-no}"
else SIZES=("1000:100" "10000:100"); RUNS="${RUNS:-5}"; JMH="${JMH:-yes}"; fi
WORK="$ROOT/benchmarks/target/bench"
OUT="${OUT:-$WORK/results-$MODE.md}"

TIME="${GNU_TIME_BIN:-/usr/bin/time}"
GNU_TIME=yes
if ! "$TIME" -f '%e' true 2>/dev/null; then
  # Without GNU time, bash's `time` gives wall and CPU time, but not the peak memory.
  GNU_TIME=no
  echo "note: GNU time is not at $TIME (Debian/Ubuntu: apt-get install time); peak RSS is not measured" >&2
fi
command -v git >/dev/null || { echo "git is needed" >&2; exit 2; }

if [[ ! -f "$JAR" || ! -f "$GEN_CLASSES/io/flinkops/bench/RepoGenerator.class" || ! -f "$GEN_CLASSES/io/flinkops/bench/KustomizeTreeGenerator.class" ]]; then
  echo "building the jar and the generator..." >&2
  (cd "$ROOT" && mvn -B -q -ntp ${MVN_ARGS:-} -DskipTests -pl compiler,benchmarks -am package) >&2
fi

JAVA="${JAVA:-java}"
read -r -a FLINKOPS <<<"${FLINKOPS:-$ROOT/flinkops}"
# Once before measuring: the launcher rebuilds a stale jar and trains its AppCDS archive on first use.
"${FLINKOPS[@]}" --version >/dev/null
rm -rf "$WORK/repos" "$WORK/logs"
mkdir -p "$WORK/repos" "$WORK/logs" "$(dirname "$OUT")"

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# timed LOG DIR CMD...: runs CMD in DIR; LOG.out and LOG.err get its output, LOG.time "wall user sys maxrss_kb".
timed() {
  local log="$1" dir="$2"; shift 2
  if [[ "$GNU_TIME" == yes ]]; then
    (cd "$dir" && "$TIME" -f '%e %U %S %M' -o "$log.time" "$@" >"$log.out" 2>"$log.err")
  else
    local rc=0
    { TIMEFORMAT='%R %U %S 0'; time (cd "$dir" && "$@" >"$log.out" 2>"$log.err") || rc=$?; } 2>"$log.time"
    return "$rc"
  fi
}

ROWS=()
# measure LABEL SIZE DIR CMD...: runs CMD in DIR $RUNS times; appends a table row.
measure() {
  local label="$1" size="$2" dir="$3"; shift 3
  local walls=() cpus=() mems=() i e u s m log="$WORK/logs/${size}-${label//[^A-Za-z0-9._-]/_}"
  for ((i = 1; i <= RUNS; i++)); do
    if ! timed "$log" "$dir" "$@"; then
      echo "FAILED: ($dir) $*" >&2
      tail -n 30 "$log.out" "$log.err" >&2
      exit 1
    fi
    read -r e u s m < <(tail -n 1 "$log.time")
    walls+=("$e"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')"); mems+=("$m")
  done
  local wall cpu mem
  wall=$(printf '%s\n' "${walls[@]}" | median)
  cpu=$(printf '%s\n' "${cpus[@]}" | median)
  mem=$(printf '%s\n' "${mems[@]}" | median)
  ROWS+=("$(printf '| %s | %s | %.2f | %.2f | %.0f |' "$label" "$size" "$wall" "$cpu" "$(awk -v k="$mem" 'BEGIN { print k / 1024 }')")")
  printf '  %-22s %6s  wall %6.2f s  cpu %6.2f s  rss %6.0f MiB\n' "$label" "$size" "$wall" "$cpu" \
    "$(awk -v k="$mem" 'BEGIN { print k / 1024 }')" >&2
}

git_quiet() { git -c user.name=bench -c user.email=bench@example.invalid -c commit.gpgsign=false "$@" >/dev/null; }

# --- kubectl kustomize side by side (issue 6) ---------------------------------------------------------------
NOTES=()
if [[ "$KUSTOMIZE" == yes ]] && ! command -v kubectl >/dev/null; then
  KUSTOMIZE=no
  NOTES+=("kubectl kustomize: skipped, kubectl is not on PATH.")
fi

# flinkdeployments_in: "namespace name" of every FlinkDeployment in the kustomize output on stdin.
flinkdeployments_in() {
  awk 'function flush() { if (kind == "FlinkDeployment") print ns, name; kind = name = ns = "" }
       /^---/ { flush(); next }
       /^[^ #]/ { section = $1 }
       /^kind: / { kind = $2 }
       section == "metadata:" && /^  name: / { name = $2 }
       section == "metadata:" && /^  namespace: / { ns = $2 }
       END { flush() }'
}

# row_field LABEL SIZE COLUMN: a column (3 wall, 4 CPU, 5 RSS) of the table row LABEL/SIZE.
row_field() {
  printf '%s\n' "${ROWS[@]}" | awk -F' [|] ' -v l="| $1" -v n="$2" -v c="$3" '$1 == l && $2 == n { print $c + 0; exit }'
}

# kustomize_side_by_side N M: times `kubectl kustomize` on a kustomize tree equivalent to the flinkops repo of
# N deployments in M namespaces (above KUSTOMIZE_MAX, both at KUSTOMIZE_MAX, the flinkops render measured here),
# checks once that its output holds the N FlinkDeployments in their namespaces, and adds a ratio row.
kustomize_side_by_side() {
  local n="$1" m="$2" size="$1"
  [[ "$KUSTOMIZE" == yes ]] || return 0
  if ((n > KUSTOMIZE_MAX)); then
    size="$KUSTOMIZE_MAX"
    # Already compared at that size (one of the measured sizes).
    [[ -n "$(row_field "kubectl kustomize" "$size" 3)" ]] && return 0
    NOTES+=("kubectl kustomize is capped at $size deployments (--kustomize-max) instead of $n: its time grows faster than the tree, to minutes per run. flinkops render is measured at $size too, for the ratio.")
    if [[ -z "$(row_field render "$size" 3)" ]]; then
      local repo="$WORK/repos/repo-$size"
      echo "generating $size deployments in $m namespaces (for the kustomize comparison)..." >&2
      "$JAVA" -cp "$GEN_CLASSES" io.flinkops.bench.RepoGenerator "$size" "$m" 1 "$repo"
      (cd "$repo" && git init -q && git_quiet add -A && git_quiet commit -q -m "base")
      measure "render" "$size" "$repo" "${FLINKOPS[@]}" render . --out "$WORK/out-$size"
    fi
  fi
  local tree="$WORK/kustomize/tree-$size"
  echo "generating a kustomize tree of $size FlinkDeployments in $m namespaces..." >&2
  rm -rf "$tree"
  "$JAVA" -cp "$GEN_CLASSES" io.flinkops.bench.KustomizeTreeGenerator "$size" "$m" 1 "$tree"
  measure "kubectl kustomize" "$size" "$tree" kubectl kustomize .
  local out="$WORK/logs/${size}-kubectl_kustomize.out"
  if ! diff <(flinkdeployments_in <"$out" | LC_ALL=C sort) <(LC_ALL=C sort "$tree/expected-flinkdeployments.txt") >"$WORK/logs/${size}-kubectl_kustomize.check"; then
    echo "FAILED: kubectl kustomize $tree does not print the expected FlinkDeployments (< printed, > expected):" >&2
    head -n 20 "$WORK/logs/${size}-kubectl_kustomize.check" >&2
    exit 1
  fi
  NOTES+=("kubectl kustomize at $size: its output was checked to hold the $size FlinkDeployments, each in its namespace.")
  local ratio
  ratio=$(awk -v kw="$(row_field "kubectl kustomize" "$size" 3)" -v fw="$(row_field render "$size" 3)" \
              -v kc="$(row_field "kubectl kustomize" "$size" 4)" -v fc="$(row_field render "$size" 4)" \
              -v km="$(row_field "kubectl kustomize" "$size" 5)" -v fm="$(row_field render "$size" 5)" \
              'function r(a, b) { return b > 0 ? sprintf("%.2f×", a / b) : "-" }
               BEGIN { printf "%s | %s | %s", r(kw, fw), r(kc, fc), r(km, fm) }')
  ROWS+=("| ratio kubectl kustomize / render | $size | $ratio |")
  echo "  kubectl kustomize / flinkops render at $size: $ratio (wall | CPU | RSS)" >&2
}

# run_jmh: the JMH stage benchmarks (benchmarks/jmh.sh) in this mode; their table is appended to the results.
run_jmh() {
  [[ "$JMH" == yes ]] || return 0
  local table="$WORK/jmh-$MODE.txt" args=()
  [[ "$MODE" == quick ]] && args+=(--quick)
  "$ROOT/benchmarks/jmh.sh" ${args[@]+"${args[@]}"} --out "$table" >/dev/null
  { echo; echo "JMH stage benchmarks (\`benchmarks/jmh.sh${args[*]:+ ${args[*]}}\`; $table):"; echo; echo '```'; cat "$table"; echo '```'; } | tee -a "$OUT"
}

# run_agent_cycle: the agent-cycle benchmark (benchmarks/agent-cycle.sh) against the mock API server; its table
# is appended to the results.
run_agent_cycle() {
  [[ "$AGENT" == yes ]] || return 0
  local args=(--deployments 1000 --namespaces 100 --runs "$RUNS" --warmup 2)
  [[ "$MODE" == quick ]] && args=(--deployments 100 --namespaces 10 --runs "$RUNS" --warmup 1)
  local table="$WORK/agent-cycle-$MODE.md"
  echo "agent cycle: benchmarks/agent-cycle.sh ${args[*]}..." >&2
  if ! "$ROOT/benchmarks/agent-cycle.sh" "${args[@]}" >"$table" 2>"$WORK/logs/agent-cycle.err"; then
    echo "FAILED: benchmarks/agent-cycle.sh ${args[*]}" >&2
    tail -n 30 "$WORK/logs/agent-cycle.err" >&2
    exit 1
  fi
  { echo; echo "Agent cycle (\`benchmarks/agent-cycle.sh ${args[*]}\`):"; echo; cat "$table"; } | tee -a "$OUT"
}
# ------------------------------------------------------------------------------------------------------------

measure "--version" "-" "$WORK" "${FLINKOPS[@]}" --version

# The pre-commit case (issue 15): examples/repo as its own Git repo, one deployment's parallelism changed and staged;
# the hook of docs/pre-commit.md runs `flinkops validate --staged` there.
examples="$WORK/repos/examples"
rm -rf "$examples" && cp -r "$ROOT/examples/repo" "$examples"
(cd "$examples" && git init -q && git_quiet add -A && git_quiet commit -q -m "base" \
  && sed -i 's/^      parallelism: [0-9]*/      parallelism: 1/' namespaces/payments/deployments/chargeback-reconciler.yaml \
  && git_quiet add namespaces/payments/deployments/chargeback-reconciler.yaml)
measure "validate (examples/repo)" "-" "$examples" "${FLINKOPS[@]}" validate .
measure "pre-commit hook: validate --staged (examples/repo)" "-" "$examples" "${FLINKOPS[@]}" validate --staged .
# Issue 16: the same repo with the ten example policies of examples/policies.yaml (docs/policies.md).
with_policies="$WORK/repos/examples-policies"
rm -rf "$with_policies" && cp -r "$ROOT/examples/repo" "$with_policies"
{ echo; sed -n '/^policies:/,$p' "$ROOT/examples/policies.yaml" | sed 's/^/  /'; } >>"$with_policies/flinkops.yaml"
measure "validate (examples/repo, 10 policies)" "-" "$with_policies" "${FLINKOPS[@]}" validate .

for spec in "${SIZES[@]}"; do
  n="${spec%%:*}"; m="${spec##*:}"
  repo="$WORK/repos/repo-$n"
  echo "generating $n deployments in $m namespaces..." >&2
  "$JAVA" -cp "$GEN_CLASSES" io.flinkops.bench.RepoGenerator "$n" "$m" 1 "$repo"
  (cd "$repo" && git init -q && git_quiet add -A && git_quiet commit -q -m "base")
  # One committed change (for diff) and one staged change (for validate --staged): parallelism of one deployment each.
  mapfile -t files < <(cd "$repo" && git ls-files 'namespaces/*/deployments/*.yaml' | head -n 2)
  (cd "$repo" && sed -i 's/^      parallelism: [0-9]*/      parallelism: 1/' "${files[0]}" && git_quiet commit -q -am "change one deployment")
  (cd "$repo" && sed -i 's/^      parallelism: [0-9]*/      parallelism: 1/' "${files[1]}" && git_quiet add "${files[1]}")

  measure "validate" "$n" "$repo" "${FLINKOPS[@]}" validate .
  measure "render" "$n" "$repo" "${FLINKOPS[@]}" render . --out "$WORK/out-$n"
  measure "validate --staged" "$n" "$repo" "${FLINKOPS[@]}" validate --staged .
  measure "diff --base HEAD~1" "$n" "$repo" "${FLINKOPS[@]}" diff --base HEAD~1 .
  kustomize_side_by_side "$n" "$m"
done

{
  echo "flinkops benchmarks ($MODE mode, median of $RUNS runs; $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM; $("$JAVA" -version 2>&1 | head -n 1))"
  echo
  echo "| command | deployments | wall (s) | CPU user+sys (s) | peak RSS (MiB) |"
  echo "|---|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  if ((${#NOTES[@]})); then echo; printf -- '- %s\n' "${NOTES[@]}"; fi
} | tee "$OUT"
run_agent_cycle
run_jmh
echo "written to $OUT" >&2
