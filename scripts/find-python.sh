#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 interpreter, or explains what is missing and fails.
set -u
candidates=(python3.13 python3.12)
for v in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13* "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*; do
  [ -x "$v/bin/python3" ] && candidates+=("$v/bin/python3")
done
candidates+=(python3)
for c in "${candidates[@]}"; do
  path=$(command -v "$c" 2>/dev/null) || continue
  if "$path" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
echo "casereview needs Python 3.12 or newer (3.13 preferred). Install it (for example 'pyenv install 3.13') and run make again." >&2
exit 1
