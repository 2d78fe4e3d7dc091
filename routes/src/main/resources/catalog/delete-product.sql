-- the product and its product_deleted event; no row when it does not exist
WITH p AS (
    DELETE FROM products WHERE id = :#id RETURNING *
), announced AS (
    INSERT INTO catalog_outbox (event_id, stream, payload)
    SELECT :#eventId, :#stream, product_event(:#eventId, 'product_deleted', p::products) FROM p
)
SELECT product_json(p::products)::text AS "body" FROM p
