#!/usr/bin/env bash
# Runs the quickstart: the example backend (Node) and Lakegate serving lakegate.yaml on
# http://127.0.0.1:8080, with the embedded defaults (SQLite store under .lakegate/).
set -euo pipefail
cd "$(dirname "$0")/../.."

node examples/quickstart/backend.mjs &
backend=$!
trap 'kill $backend 2>/dev/null || true' EXIT

dotnet run --project src/Lakegate -- serve --config examples/quickstart/lakegate.yaml --store sqlite:.lakegate/quickstart.db "$@"
