#!/usr/bin/env bash
# Lints the three services' OpenAPI documents, as the build writes them (target/openapi/openapi.yaml, written by
# `mvn -B verify` or `mvn -B package`), with the API ecosystem's published linters:
#   Redocly CLI 2.77.0, `lint --extends recommended`, and Spectral 6.16.3 with `spectral:oas`.
# Fails on any error of either. Needs Node.js and npm (npx fetches the pinned linters on first use).
# Run from anywhere: deploy/openapi-lint.sh
set -euo pipefail
cd "$(dirname "$0")/.."

REDOCLY=@redocly/cli@2.77.0
SPECTRAL=@stoplight/spectral-cli@6.16.3
documents=(dosing-service/target/openapi/openapi.yaml monitoring-service/target/openapi/openapi.yaml
  interaction-service/target/openapi/openapi.yaml)
for document in "${documents[@]}"; do
  if [[ ! -f "$document" ]]; then
    echo "$document is missing: build first (mvn -B verify)" >&2
    exit 1
  fi
done

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
echo "== Redocly CLI ($REDOCLY), recommended ruleset"
npx --yes "$REDOCLY" lint --extends recommended "${documents[@]}"
echo "== Spectral ($SPECTRAL), spectral:oas"
npx --yes --package "$SPECTRAL" -- spectral lint --ruleset deploy/spectral-oas.yaml --fail-severity error "${documents[@]}"
