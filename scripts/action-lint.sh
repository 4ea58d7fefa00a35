#!/usr/bin/env bash
# The step of the aaoi-netpol GitHub Action (action.yml): lint the values files a change touches.
#
# Inputs come as environment variables, as action.yml passes them:
#   INPUT_FILES      glob(s) of values files, one per line (git pathspec globs from the repository root;
#                    default **/*values*.y*ml)
#   INPUT_DIFF_BASE  the git ref to compare with (default: origin/$GITHUB_BASE_REF on pull requests,
#                    $EVENT_BEFORE on pushes; with neither, every matching file is linted)
#   INPUT_ARGS       more arguments for `aaoi-netpol lint`, split on blanks (--strict, --chart DIR, ...)
#   INPUT_SUMMARY    "true": append `aaoi-netpol diff CHART --base OLD -f NEW --format markdown` of each
#                    changed file to $GITHUB_STEP_SUMMARY (needs INPUT_CHART)
#   INPUT_CHART      the chart for the summary
# Exit code: the lint's (0 clean, 1 findings, 2 could not run).
set -euo pipefail
cd "${GITHUB_WORKSPACE:-.}"
netpol=aaoi-netpol

globs=()
while IFS= read -r glob; do
  glob="${glob#"${glob%%[![:space:]]*}"}"; glob="${glob%"${glob##*[![:space:]]}"}"
  [ -n "$glob" ] && globs+=(":(glob)$glob")
done <<< "${INPUT_FILES:-**/*values*.y*ml}"
[ ${#globs[@]} -gt 0 ] || globs=(":(glob)**/*values*.y*ml")

base=${INPUT_DIFF_BASE:-}
if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  if git rev-parse --verify --quiet "origin/$GITHUB_BASE_REF^{commit}" > /dev/null; then
    base="origin/$GITHUB_BASE_REF"
  else
    base="$GITHUB_BASE_REF"
  fi
fi
if [ -z "$base" ] && [ -n "${EVENT_BEFORE:-}" ] && [ "${EVENT_BEFORE//0/}" != "" ]; then
  base="$EVENT_BEFORE"
fi

files=()
if [ -n "$base" ]; then
  if ! merge_base=$(git merge-base "$base" HEAD 2> /dev/null); then
    echo "::error title=aaoi-netpol::the base '$base' is not in this clone: check out with fetch-depth: 0 (actions/checkout)"
    exit 2
  fi
  while IFS= read -r -d '' file; do files+=("$file"); done \
    < <(git diff --name-only -z --diff-filter=ACMR "$merge_base" HEAD -- "${globs[@]}")
  what="changed since $base"
else
  while IFS= read -r -d '' file; do files+=("$file"); done < <(git ls-files -z -- "${globs[@]}")
  what="in the repository"
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "files<<AAOI_NETPOL_FILES"; printf '%s\n' "${files[@]}"; echo "AAOI_NETPOL_FILES"; } >> "$GITHUB_OUTPUT"
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "aaoi-netpol: no values file matching ${INPUT_FILES:-**/*values*.y*ml} ${what}"
  exit 0
fi

echo "aaoi-netpol: linting ${#files[@]} values file(s) ${what}: ${files[*]}"
read -r -a extra <<< "${INPUT_ARGS:-}"  # a list of arguments, split on blanks (no globbing)
set +e
"$netpol" lint --format github ${extra[@]+"${extra[@]}"} -- "${files[@]}"
status=$?
set -e

if [ "${INPUT_SUMMARY:-false}" = "true" ]; then
  if [ -z "${INPUT_CHART:-}" ] || [ -z "${GITHUB_STEP_SUMMARY:-}" ]; then
    echo "::warning title=aaoi-netpol::summary: true needs the chart input (and a job summary)"
  else
    old_dir=$(mktemp -d)
    trap 'rm -rf "$old_dir"' EXIT
    for file in "${files[@]}"; do
      old="$old_dir/$file"
      mkdir -p "$(dirname "$old")"
      if [ -n "$base" ] && git cat-file -e "$merge_base:$file" 2> /dev/null; then
        git show "$merge_base:$file" > "$old"
      else
        : > "$old"  # a new file: compared with no values of its own
      fi
      if ! "$netpol" diff "$INPUT_CHART" --base "$old" -f "$file" --format markdown >> "$GITHUB_STEP_SUMMARY"; then
        echo "::warning title=aaoi-netpol::aaoi-netpol diff could not compare $file (see the log above)"
      fi
    done
  fi
fi
exit "$status"
