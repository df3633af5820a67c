#!/usr/bin/env bash
# Two flinkops launchers on the same command, runs interleaved (A B A B ...) so that a busy or drifting machine
# weighs on both alike; for before/after figures of a change (docs/performance.md).
#
#   benchmarks/compare.sh [--runs K] [--dir DIR] A B -- ARGS...
#
#   A, B     commands that run flinkops, e.g. /tmp/before/flinkops and ./flinkops, or "env JAVA_HOME=/jdk25 ./flinkops"
#   --runs   runs of each (default 11)
#   --dir    where the command runs (default: the current directory)
# Prints the median, minimum and maximum wall time of each, in milliseconds, and B's median as a share of A's.
# Each launcher runs once before measuring, so that a stale jar is built and its start-up cache trained first.
set -euo pipefail

RUNS=11
DIR="$PWD"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
[[ $# -ge 3 && "$3" == "--" ]] || { echo "usage: benchmarks/compare.sh [--runs K] [--dir DIR] A B -- ARGS..." >&2; exit 2; }
read -r -a A <<<"$1"
read -r -a B <<<"$2"
shift 3

run_ms() {
  local start end
  start=$(date +%s%N)
  (cd "$DIR" && "$@" >/dev/null 2>&1) || true
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

(cd "$DIR" && "${A[@]}" "$@" >/dev/null 2>&1) || true
(cd "$DIR" && "${B[@]}" "$@" >/dev/null 2>&1) || true
a=() b=()
for ((i = 0; i < RUNS; i++)); do
  a+=("$(run_ms "${A[@]}" "$@")")
  b+=("$(run_ms "${B[@]}" "$@")")
done
stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%d %d %d\n", m, v[1], v[NR] }'; }
read -r am amin amax < <(stats "${a[@]}")
read -r bm bmin bmax < <(stats "${b[@]}")
printf 'A %-40s median %5d ms (min %d, max %d)\n' "${A[*]}" "$am" "$amin" "$amax"
printf 'B %-40s median %5d ms (min %d, max %d)  = %d%% of A\n' "${B[*]}" "$bm" "$bmin" "$bmax" $((100 * bm / am))
