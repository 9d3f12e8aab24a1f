#!/usr/bin/env bash
# Serves examples/functions/lakegate.yaml on http://127.0.0.1:8080:
#   curl http://127.0.0.1:8080/hello/prod/items?x=1      (REST, payload 1.0)
#   curl http://127.0.0.1:8080/hellohttp/items?x=1       (HTTP API, payload 2.0)
# Once: apt-get install autoconf automake libtool && (cd examples/functions && npm install)
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -d examples/functions/node_modules/aws-lambda-ric ]] || { echo "run 'npm install' in examples/functions first" >&2; exit 1; }
dotnet run --project src/Lakegate -- serve --config examples/functions/lakegate.yaml --store memory "$@"
