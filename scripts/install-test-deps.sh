#!/usr/bin/env bash
# Installs the outside parts that some tests need (Chromium, CJK fonts, PostgreSQL), from Debian's packages. Idempotent.
# Without them those tests skip (outside CI) and say how to enable them: run this script as root.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
# PostgreSQL's binaries: the PostgreSQL tests start a private server of their own (as the postgres user).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "install-test-deps: run as root to install: ${need[*]}" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
echo "install-test-deps: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), postgresql $(ls /usr/lib/postgresql/ 2>/dev/null | tr '\n' ' ')"
