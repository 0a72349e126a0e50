#!/usr/bin/env bash
# Rebuilds the tiny-llm test fixture (generation-worker/src/test/resources/tiny-llm).
# Needs Debian's PyTorch and ONNX packages; CI never runs this (the result is committed).
# About 10 minutes on an idle 2-core machine (see README.md). Usage: build_model.sh [extra build_model.py args]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../resources/tiny-llm"
if ! /usr/bin/python3 -c 'import torch, onnx, regex, jinja2' 2>/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    python3-torch python3-onnx python3-regex python3-jinja2 libopenblas0-pthread
fi
# /usr/bin/python3 on purpose: a pyenv python3 earlier on PATH has no torch.
cd "$here"
OMP_NUM_THREADS=1 PYTHONHASHSEED=0 exec /usr/bin/python3 build_model.py --out "$out" "$@"
