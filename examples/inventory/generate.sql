-- The inventory example's data: 1,000 items, generated deterministically (no random()) so the
-- committed inventory.parquet can be checked against this script (tests do: InventoryExampleTests).
-- Regenerate with any DuckDB: duckdb -c ".read examples/inventory/generate.sql" from the repository root.
COPY (
    SELECT
        printf('SKU-%05d', i)                                              AS sku,
        ['eu-west', 'us-east', 'ap-south'][1 + (i * 7) % 3]                AS region,
        ['widget', 'gadget', 'gizmo', 'doohickey', 'sprocket'][1 + i % 5] || ' ' || (i % 97) AS name,
        CASE WHEN i % 17 = 0 THEN NULL ELSE CAST((i * 37) % 500 AS INTEGER) END AS qty,
        CAST(1 + ((i * 7919) % 100000) / 100.0 AS DECIMAL(10, 2))          AS price,
        TIMESTAMP '2026-01-01 00:00:00' + to_minutes(CAST(i * 131 AS BIGINT)) AS updated_at,
        i % 23 = 0                                                         AS discontinued
    FROM range(1, 1001) AS t(i)
    ORDER BY sku
) TO 'examples/inventory/data/inventory.parquet' (FORMAT parquet, COMPRESSION zstd);
