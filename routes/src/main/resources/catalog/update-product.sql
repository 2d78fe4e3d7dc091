-- a full update (a description left out keeps its value: seed 000's products have none) and its
-- product_updated event; no row when the product does not exist
WITH p AS (
    UPDATE products
    SET name = :#name, description = coalesce(CAST(:#description AS text), description), price = CAST(:#price AS numeric),
        stock = :#stock, updated_at = now()
    WHERE id = :#id
    RETURNING *
), announced AS (
    INSERT INTO catalog_outbox (event_id, stream, payload)
    SELECT :#eventId, :#stream, product_event(:#eventId, 'product_updated', p::products) FROM p
)
SELECT product_json(p::products)::text AS "body" FROM p
