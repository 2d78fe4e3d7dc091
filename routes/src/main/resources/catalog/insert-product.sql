-- a new product and its product_created event: one statement, so one transaction
WITH p AS (
    INSERT INTO products (id, name, description, price, stock)
    VALUES (:#id, :#name, coalesce(CAST(:#description AS text), ''), CAST(:#price AS numeric), :#stock)
    RETURNING *
), announced AS (
    INSERT INTO catalog_outbox (event_id, stream, payload)
    SELECT :#eventId, :#stream, product_event(:#eventId, 'product_created', p::products) FROM p
)
SELECT product_json(p::products)::text AS "body" FROM p
