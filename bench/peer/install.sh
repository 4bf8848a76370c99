#!/bin/sh
# Installs the peer engine (bpmn-engine, pinned by package-lock.json) for bench/load --compare-peer (docs/benchmarks.md).
set -e
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
