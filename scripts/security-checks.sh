#!/usr/bin/env bash
# The quick security checks (docs/uploads.md, "The hostile corpus"; docs/production.md),
# each reported on its own line; exit non-zero if any failed. Used by `make security`
# (before pip-audit) and by .ci/run.
#   scripts/security-checks.sh            # uploads and deploy
#   scripts/security-checks.sh deploy     # only the named checks: uploads, deploy
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
checks=("$@")
[ ${#checks[@]} -eq 0 ] && checks=(uploads deploy)
mkdir -p var
failed=0

for check in "${checks[@]}"; do
  case "$check" in
  uploads)
    # The hostile corpus through the real upload paths (tests/security/); also in the suite.
    log=var/security-uploads.log
    "$PY" -m pytest -q -p no:cacheprovider tests/security >"$log" 2>&1
    status=$?
    line=$(grep '^hostile uploads:' "$log" || true)
    if [ "$status" -eq 0 ] && [ -n "$line" ]; then
      echo "security: uploads: PASS: ${line#hostile uploads: }"
    else
      tail -n 40 "$log"
      echo "security: uploads: FAIL (pytest exit $status): ${line:-no summary} (full output in $log)"
      failed=1
    fi
    ;;
  deploy)
    # Django's deployment checks with the production settings: 0 warnings. The keys are
    # placeholders made for this check only; nothing is served or stored with them.
    scratch=$(mktemp -d)
    output=$(env -i PATH="$PATH" HOME="${HOME:-/tmp}" LANG=C.UTF-8 \
      CASEREVIEW_ENV=production \
      SECRET_KEY="check-only-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
      AUDIT_HMAC_KEY="check-only-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
      ALLOWED_HOSTS=scr.example.org CASEREVIEW_DATA_DIR="$scratch" \
      EMAIL_HOST=smtp.example.org EMAIL_USE_TLS=1 \
      "$PY" -m casereview check --deploy --fail-level WARNING 2>&1)
    status=$?
    rm -rf "$scratch"
    if [ "$status" -eq 0 ]; then
      echo "security: check --deploy (production settings): PASS: $(echo "$output" | tail -n 1)"
    else
      echo "$output"
      echo "security: check --deploy (production settings): FAIL (exit $status)"
      failed=1
    fi
    ;;
  *)
    echo "security: unknown check '$check' (uploads, deploy)" >&2
    exit 2
    ;;
  esac
done
exit "$failed"
