-- One step of the saga for one order, in one statement (so one transaction):
--   claimed    the event, once: a redelivered or reclaimed entry finds it claimed and changes nothing;
--   moved      the order, only from the status the step expects;
--   announced  order_changed for caches and the gateway, and, for a payment, order_completed with the
--              items whose stock the inventory takes.
-- No row: the event was handled before, or the order is not (any more) in that status.
WITH claimed AS (
    INSERT INTO orders_processed_events (consumer, event_id) VALUES (:#consumer, :#eventId)
    ON CONFLICT DO NOTHING RETURNING event_id
), moved AS (
    UPDATE orders o
    SET status = :#to, refund_reason = coalesce(CAST(:#reason AS text), o.refund_reason), updated_at = now()
    FROM claimed
    WHERE o.id = :#orderId AND o.status = :#from
    RETURNING o.*
), events AS (
    -- a fresh id per row: gen_random_uuid() in the select list is evaluated for each row
    SELECT gen_random_uuid()::text AS event_id, CAST(:#changesStream AS text) AS stream, 'order_changed' AS type, m.id, m.user_id, m.status
    FROM moved m
    UNION ALL
    SELECT gen_random_uuid()::text, CAST(:#paidStream AS text), 'order_completed', m.id, m.user_id, m.status
    FROM moved m WHERE m.status = 'paid'
), announced AS (
    INSERT INTO orders_outbox (event_id, stream, payload)
    SELECT e.event_id, e.stream, json_build_object(
        'eventId', e.event_id, 'type', e.type, 'orderId', e.id, 'userId', e.user_id, 'status', e.status,
        'items', CASE WHEN e.type = 'order_completed' THEN
            (SELECT json_agg(json_build_object('productId', i.product_id, 'quantity', i.quantity) ORDER BY i.line)
             FROM order_items i WHERE i.order_id = e.id) END)::text
    FROM events e
)
SELECT order_json(m::orders)::text AS "body", m.user_id AS "userId" FROM moved m
