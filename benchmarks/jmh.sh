#!/usr/bin/env bash
# JMH benchmarks of the compiler's stages (load, schema, resolve, plan, validate, render, emit; issue 6).
#
#   benchmarks/jmh.sh [--quick] [--out FILE] [JMH options...]
#
#   default   1,000 deployments in 100 namespaces; 1 fork, 5 warm-up and 5 measured iterations of 3 s each
#             (compile, at about 1 s per operation, needs about 10 operations to warm up).
#   --quick   100 deployments in 10 namespaces; 2 warm-up and 3 measured iterations of 1 s (a smoke test).
#   --out     the JMH table (default: benchmarks/target/bench/jmh-<mode>.txt); JMH's log goes next to it (.log).
#   Other options go to JMH and replace the defaults of the same name, e.g.
#     benchmarks/jmh.sh -p deployments=1000,10000      both sizes (namespaces stay 100)
#     benchmarks/jmh.sh -prof gc                       adds allocation per operation (gc.alloc.rate.norm)
#     benchmarks/jmh.sh 'StageBenchmarks.(render|emit)$'   only these benchmarks
# Scores are average time per operation (ms/op). Runs java -jar benchmarks/target/flinkops-benchmarks.jar;
# builds it first if it is missing (MVN_ARGS, e.g. "-o", is passed to Maven).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/benchmarks/target/flinkops-benchmarks.jar"
MODE=full
OUT=""
JMH_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) MODE=quick ;;
    --out) OUT="$2"; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) JMH_ARGS+=("$1") ;;
  esac
  shift
done
WORK="$ROOT/benchmarks/target/bench"
OUT="${OUT:-$WORK/jmh-$MODE.txt}"
LOG="${OUT%.txt}.log"

if [[ "$MODE" == quick ]]; then
  DEFAULTS=(-bm avgt -tu ms -f 1 -wi 2 -i 3 -w 1s -r 1s -p deployments=100 -p namespaces=10)
else
  DEFAULTS=(-bm avgt -tu ms -f 1 -wi 5 -i 5 -w 3s -r 3s -p deployments=1000 -p namespaces=100)
fi

# JMH rejects a repeated single-valued option and adds up repeated -p values, so a default is dropped when the
# caller passes the same option (for -p: the same parameter).
given() {
  local opt="$1" name="${2:-}" i
  for ((i = 0; i < ${#JMH_ARGS[@]}; i++)); do
    [[ "${JMH_ARGS[i]}" == "$opt" ]] || continue
    [[ -z "$name" || "${JMH_ARGS[i + 1]:-}" == "$name="* ]] && return 0
  done
  return 1
}
ARGS=()
for ((i = 0; i < ${#DEFAULTS[@]}; i += 2)); do
  opt="${DEFAULTS[i]}" value="${DEFAULTS[i + 1]}"
  if [[ "$opt" == -p ]]; then given -p "${value%%=*}" && continue
  else given "$opt" && continue; fi
  ARGS+=("$opt" "$value")
done

if [[ ! -f "$JAR" ]]; then
  echo "building the benchmarks jar..." >&2
  (cd "$ROOT" && mvn -B -q -ntp ${MVN_ARGS:-} -DskipTests -pl benchmarks -am package) >&2
fi

mkdir -p "$(dirname "$OUT")"
JAVA="${JAVA:-java}"
echo "JMH ($MODE): ${ARGS[*]} ${JMH_ARGS[*]:-}; log in $LOG" >&2
if ! "$JAVA" -jar "$JAR" "${ARGS[@]}" ${JMH_ARGS[@]+"${JMH_ARGS[@]}"} -rf text -rff "$OUT" >"$LOG" 2>&1; then
  tail -n 40 "$LOG" >&2
  echo "JMH failed; the whole log is in $LOG" >&2
  exit 1
fi
{
  echo "flinkops stage benchmarks (JMH, $MODE mode; $(nproc) cores; $("$JAVA" -version 2>&1 | head -n 1))"
  echo "options: ${ARGS[*]} ${JMH_ARGS[*]:-}"
  echo
  sed -e '$a\' "$OUT"
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
echo "written to $OUT" >&2
