#!/usr/bin/env bash
# Fails with a clear message unless Node.js >= 20 and npm are installed.
set -u
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "casereview builds its front end with Node.js 20 or newer and npm. Install them and run make again." >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "casereview needs Node.js 20 or newer; this machine has $(node --version)." >&2
  exit 1
fi
