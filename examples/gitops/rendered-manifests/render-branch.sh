#!/usr/bin/env bash
# The rendered-manifests pattern: render the config repo at HEAD into a branch of its own (default `rendered`, one
# folder per cluster, as `flinkops render` lays them out) and commit there only when the manifests changed. Argo CD
# or Flux syncs a cluster's folder of that branch. Rendered files carry no commit id, so a commit that changes no
# deployment's inputs changes no file and makes no commit; the commit message names the config commit rendered.
#
#   render-branch.sh [CONFIG_DIR]        # run from a clone of the config repo (CI: after checkout)
#   RENDERED_BRANCH=rendered  PUSH=1  FLINKOPS=flinkops   environment, with their defaults (PUSH=0: do not push)
set -euo pipefail
config_dir="${1:-.}"
branch="${RENDERED_BRANCH:-rendered}"
flinkops="${FLINKOPS:-flinkops}"
top="$(git -C "$config_dir" rev-parse --show-toplevel)"
source_commit="$(git -C "$top" rev-parse HEAD)"

work="$(mktemp -d)"
trap 'git -C "$top" worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# The branch's current state: from the remote when there is one, else local, else a new branch without history.
if [ "${PUSH:-0}" = 1 ]; then git -C "$top" fetch --quiet origin "$branch" 2>/dev/null || true; fi
if git -C "$top" rev-parse --verify --quiet "refs/remotes/origin/$branch" >/dev/null; then
  git -C "$top" worktree add --quiet -B "$branch" "$work/tree" "refs/remotes/origin/$branch"
elif git -C "$top" rev-parse --verify --quiet "refs/heads/$branch" >/dev/null; then
  git -C "$top" worktree add --quiet "$work/tree" "$branch"
else
  git -C "$top" worktree add --quiet --detach "$work/tree"
  git -C "$work/tree" checkout --quiet --orphan "$branch"
  git -C "$work/tree" rm -r --quiet --cached . >/dev/null 2>&1 || true
  git -C "$work/tree" clean -fdxq
fi

# Render into a fresh folder, then replace the branch's files with it (render exits 1, writing nothing, on errors).
"$flinkops" render "$config_dir" --out "$work/out"
find "$work/tree" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
cp -R "$work/out/." "$work/tree/"

git -C "$work/tree" add --all
if git -C "$work/tree" diff --cached --quiet; then
  echo "render-branch: the manifests of $source_commit are already on $branch; nothing to commit."
  exit 0
fi
git -C "$work/tree" commit --quiet -m "Render $source_commit" -m "flinkops render of the config repo at $source_commit."
echo "render-branch: committed the manifests of $source_commit to $branch."
if [ "${PUSH:-0}" = 1 ]; then git -C "$work/tree" push --quiet origin "$branch"; fi
