#!/usr/bin/env bash
# Regenerates captured/ by running the real tools on the fixtures here, with
# the arguments of the built-in declarations (../../tools/*.toml). The
# fixtures are copied to a fixed directory first, so that absolute paths in
# the outputs are stable and no configuration of this repository applies.
# Tools must be on PATH (`.tools/venv/bin`, `.tools/npm/node_modules/.bin`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=/tmp/lintgate-capture
out=$here/captured
rm -rf "$work"
mkdir -p "$work" "$out"
cp -r "$here"/python "$here"/shell "$here"/markdown "$here"/yaml "$here"/text "$here"/ci "$work"/
cd "$work"

python=(python/broken.py python/imports.py python/inventory.py python/layout.py "python/odd name.py")
yaml=(yaml/broken.yaml yaml/settings.yaml)

# Saves one stream of a command to captured/NAME and its exit status next to it.
capture() {
    local name=$1 stream=$2
    shift 2
    local status=0
    if [ "$stream" = stdout ]; then
        "$@" >"$out/$name" 2>/dev/null || status=$?
    else
        "$@" 2>"$out/$name" >/dev/null || status=$?
    fi
    echo "$status" >"$out/$name.status"
}

version() { { "$@" 2>&1 || true; } | head -n 1; }
ruff_v=$(version ruff --version | cut -d' ' -f2)
pylint_v=$(version pylint --version | cut -d' ' -f2)
flake8_v=$(version flake8 --version | cut -d' ' -f1)
isort_v=$(isort --version | sed -n 's/.*VERSION \([0-9.]*\).*/\1/p')
pydocstyle_v=$(version pydocstyle --version)
mypy_v=$(version mypy --version | cut -d' ' -f2)
shellcheck_v=$(shellcheck --version | sed -n 's/^version: //p')
markdownlint_v=$(version markdownlint-cli2 --help | cut -d' ' -f2 | tr -d v)
yamllint_v=$(version yamllint --version | cut -d' ' -f2)
codespell_v=$(version codespell --version)
jsonschema_v=$(version check-jsonschema --version | awk '{print $NF}')

capture "ruff-$ruff_v.json" stdout \
    ruff check --output-format json --no-cache --force-exclude -- "${python[@]}"
capture "ruff-$ruff_v.sarif" stdout \
    ruff check --output-format sarif --no-cache --force-exclude -- "${python[@]}"
capture "pylint-$pylint_v.json" stdout \
    pylint --output-format=json2 --score=n --persistent=n "${python[@]}"
capture "flake8-$flake8_v.txt" stdout flake8 -- "${python[@]}"
capture "isort-$isort_v.diff" stdout \
    isort --check-only --diff --filter-files -- "${python[@]}"
capture "pydocstyle-$pydocstyle_v.txt" stdout pydocstyle -- "${python[@]}"
capture "mypy-$mypy_v.jsonl" stdout \
    mypy --output json --no-error-summary -- "${python[@]:1}"
capture "mypy-$mypy_v-syntax.jsonl" stdout mypy --output json --no-error-summary -- python/broken.py
capture "shellcheck-$shellcheck_v.json" stdout shellcheck --format=json1 -- shell/deploy.sh
capture "markdownlint-cli2-$markdownlint_v.txt" stderr markdownlint-cli2 -- markdown/guide.md
capture "yamllint-$yamllint_v.txt" stdout yamllint --format parsable -- "${yaml[@]}"
capture "codespell-$codespell_v.txt" stdout codespell -- text/notes.md
capture "check-jsonschema-$jsonschema_v.txt" stdout \
    check-jsonschema --builtin-schema vendor.gitlab-ci ci/.gitlab-ci.yml
ls "$out"
