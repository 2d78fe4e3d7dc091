-- Baseline: the schema every later migration builds on. Services own their tables (identity's
-- users, catalog's products, ...) and add them in their own migrations.
CREATE TABLE IF NOT EXISTS caravan_info (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO caravan_info (key, value) VALUES ('schema', 'caravan') ON CONFLICT (key) DO NOTHING;
