-- The inventory's step of the saga for one paid order, in one statement (so one transaction):
--   claimed  the event, once: a redelivered or reclaimed entry finds it claimed and changes nothing;
--   locked   the order's products, in id order, so two orders never deadlock;
--   verdict  every product still exists and has enough;
--   taken    only then is the stock of every item taken: never negative, whatever the concurrency
--            (a CHECK backs this up), and never a part of an order;
--   outcome  stock_taken and a stock_changed product event per product, or refund_order.
WITH claimed AS (
    INSERT INTO catalog_processed_events (consumer, event_id) VALUES ('inventory', :#eventId)
    ON CONFLICT DO NOTHING RETURNING event_id
), wanted AS (
    SELECT "productId" AS product_id, sum(quantity)::int AS quantity
    FROM jsonb_to_recordset(CAST(:#items AS jsonb)) AS i("productId" text, quantity int)
    GROUP BY "productId"
), locked AS (
    SELECT p.id, p.stock, w.quantity
    FROM products p JOIN wanted w ON w.product_id = p.id
    WHERE EXISTS (SELECT 1 FROM claimed)
    ORDER BY p.id
    FOR UPDATE OF p
), verdict AS (
    SELECT EXISTS (SELECT 1 FROM claimed) AS fresh,
           count(*) = (SELECT count(*) FROM wanted) AND coalesce(bool_and(stock >= quantity), false) AS ok
    FROM locked
), taken AS (
    UPDATE products p SET stock = p.stock - l.quantity, updated_at = now()
    FROM locked l, verdict v
    WHERE p.id = l.id AND v.ok
    RETURNING p.*
), stock_event_ids AS (
    SELECT id AS product_id, gen_random_uuid()::text AS event_id FROM taken
), outcome AS (
    SELECT x.id AS event_id, CAST(:#stockTakenStream AS text) AS stream,
           json_build_object('eventId', x.id, 'type', 'stock_taken', 'orderId', CAST(:#orderId AS text))::text AS payload
    FROM (SELECT gen_random_uuid()::text AS id FROM verdict WHERE fresh AND ok) x
    UNION ALL
    SELECT x.id, CAST(:#refundStream AS text),
           json_build_object('eventId', x.id, 'type', 'refund_order', 'orderId', CAST(:#orderId AS text),
                             'reason', 'not enough stock for every item, or a product no longer exists')::text
    FROM (SELECT gen_random_uuid()::text AS id FROM verdict WHERE fresh AND NOT ok) x
    UNION ALL
    SELECT s.event_id, CAST(:#productsStream AS text), product_event(s.event_id, 'stock_changed', t::products)
    FROM taken t JOIN stock_event_ids s ON s.product_id = t.id
), announced AS (
    INSERT INTO catalog_outbox (event_id, stream, payload) SELECT event_id, stream, payload FROM outcome
)
SELECT fresh AS "fresh", ok AS "taken" FROM verdict
