#!/usr/bin/env bash
# Serves the inventory example (dataset variant) on http://127.0.0.1:8080 with the embedded
# defaults: a SQLite store under .lakegate/, DuckDB in process, no services to start.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec dotnet run --project src/Lakegate -- serve --config examples/inventory/lakegate.yaml --store sqlite:.lakegate/inventory.db "$@"
