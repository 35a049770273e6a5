#!/usr/bin/env bash
# Install everything Communia needs, reusing what is already there. Shows progress.
#   scripts/install.sh          app + packaged model (embedded default)
#   scripts/install.sh --test   also the browser and services the test suite uses
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

if ! command -v uv >/dev/null 2>&1 || [ "$(uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  step "Installing uv $UV_VERSION (Python package manager)"
  python3 -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi

# Python 3.12 (ADR 0011: spaCy's wheels for older Pythons are built with profiling hooks
# that make its entity recogniser twice as slow). uv finds one on the PATH; a pyenv
# install is only on the PATH once selected, so it is named to uv; otherwise uv fetches
# its own build, kept beside the venv (readable by the service account that runs it).
PYTHON=3.12
export UV_PYTHON_INSTALL_DIR="${UV_PYTHON_INSTALL_DIR:-$PWD/.python}"
if [ -z "${UV_PYTHON:-}" ] && ! uv python find "$PYTHON" >/dev/null 2>&1; then
  found=""
  if command -v pyenv >/dev/null 2>&1; then
    found=$(pyenv versions --bare 2>/dev/null | grep -E "^${PYTHON//./\\.}\.[0-9]+$" | sort -V | tail -1)
  fi
  if [ -n "$found" ]; then
    export UV_PYTHON="$(pyenv root)/versions/$found/bin/python$PYTHON"
  else
    step "Python $PYTHON (uv's own build)"
    uv python install "$PYTHON"
  fi
fi

step "Python packages (uv.lock; the first run builds llama.cpp, about 5 minutes)"
# llama.cpp is built for the CPU of the machine that installs it, which is the machine
# that runs it (ADR 0003: 1.4x faster prompts than a portable build on AVX-512).
# To build an image on one host and run it on another, export
# CMAKE_ARGS=-DGGML_NATIVE=OFF first.
# On CPUs with AMX (Intel Sapphire Rapids and later), a native build also compiles
# ggml's AMX kernels, which crash on the packaged Q4_K_M model (segfault in
# ggml_backend_amx_mul_mat, llama.cpp #20824): they are left out (ADR 0004).
native="-DGGML_NATIVE=ON"
no_amx="-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"
if grep -qw amx_tile /proc/cpuinfo 2>/dev/null; then
  native="$native '-DCMAKE_C_FLAGS=$no_amx' '-DCMAKE_CXX_FLAGS=$no_amx'"
fi
export CMAKE_ARGS="${CMAKE_ARGS:-$native}"
uv sync --frozen --all-extras
# uv's wheel cache ignores CMAKE_ARGS: a build made before this rule still holds the
# AMX kernels. Rebuild it once.
if grep -qw amx_tile /proc/cpuinfo 2>/dev/null && [ "$CMAKE_ARGS" = "$native" ] \
    && grep -qs ggml_backend_amx_mul_mat .venv/lib/python3*/site-packages/llama_cpp/lib/libggml-cpu.so*; then
  step "Rebuilding llama.cpp without its AMX kernels (about 5 minutes)"
  uv cache clean llama-cpp-python
  uv sync --frozen --all-extras --reinstall-package llama-cpp-python
fi

step "Front-end libraries (package-lock.json)"
if [ ! -d node_modules/htmx.org ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
mkdir -p src/communia/web/static/vendor
cp node_modules/htmx.org/dist/htmx.min.js src/communia/web/static/vendor/htmx.min.js

step "Packaged local model (assembled and checked by SHA-256)"
uv run --frozen communia model install

if [ "${1:-}" = "--test" ]; then
  step "Test tools: headless Chromium and services"
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  scripts/services.sh
fi
