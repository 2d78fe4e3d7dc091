-- a new order, pending, with its items (priced when placed) and its events (order_placed and the
-- change): one statement, so one transaction
WITH o AS (
    INSERT INTO orders (id, user_id, status, subtotal, fee, total, shipping_address, pincode, city, country, phone_number)
    VALUES (:#id, :#userId, 'pending', CAST(:#subtotal AS numeric), CAST(:#fee AS numeric), CAST(:#total AS numeric),
            CAST(:#shippingAddress AS text), CAST(:#pincode AS text), CAST(:#city AS text), CAST(:#country AS text),
            CAST(:#phoneNumber AS text))
    RETURNING id
), items AS (
    INSERT INTO order_items (id, order_id, line, product_id, name, quantity, price)
    SELECT i.id, o.id, i.line, i."productId", i.name, i.quantity, i.price
    FROM o, jsonb_to_recordset(CAST(:#items AS jsonb)) AS i(id text, line int, "productId" text, name text, quantity int, price numeric)
)
INSERT INTO orders_outbox (event_id, stream, payload)
SELECT e ->> 'eventId', e ->> 'stream', (e -> 'event')::text
FROM o, jsonb_array_elements(CAST(:#events AS jsonb)) AS e
