#!/usr/bin/env bash
# Serves examples/inventory/dynamodb/lakegate.yaml on http://127.0.0.1:8080 over a local DynamoDB (dynalite):
#   curl http://127.0.0.1:8080/inventory-ddb/v1/inventory            (AWS integration: Query built by VTL)
#   curl http://127.0.0.1:8080/inventory-ddb/v1/inventory/sku-003
#   curl http://127.0.0.1:8080/inventory-fn/v1/inventory?store=depot (Lambda handler with the AWS SDK v3)
# Installs what it needs with npm (dynalite via scripts/services/aws-emulators.sh, the SDK here), starts dynalite on
# 127.0.0.1:4567, creates and seeds the `inventory` table, then serves; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/../../.."
example=examples/inventory/dynamodb
[[ -d tests/conformance/aws-emulators/node_modules/dynalite ]] || scripts/services/aws-emulators.sh install
[[ -d $example/node_modules/@aws-sdk/client-dynamodb ]] || npm ci --prefix "$example" --no-audit --no-fund --loglevel=error

state=$(mktemp -d /tmp/lakegate-inventory.XXXXXX)
node tests/conformance/aws-emulators/start.js dynalite "$state" 4567 >"$state/dynalite.log" 2>&1 &
dynalite=$!
trap 'kill $dynalite 2>/dev/null || true; rm -rf "$state"' EXIT
for _ in $(seq 1 100); do [[ -s $state/dynalite.port ]] && break; sleep 0.1; done
[[ -s $state/dynalite.port ]] || { cat "$state/dynalite.log" >&2; exit 1; }

(cd "$example" && AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:4567 AWS_REGION=us-east-1 \
    AWS_ACCESS_KEY_ID=example AWS_SECRET_ACCESS_KEY=example node seed.mjs)
dotnet run --project src/Lakegate -- serve --config "$example/lakegate.yaml" --store memory "$@"
