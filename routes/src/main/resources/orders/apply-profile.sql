-- user_profile_updated, in one statement: the event is claimed; a profile newer than the one applied is
-- kept and copied to every open order of the user (not shipped, not refunded), each change announced
-- on order_events; a redelivered, older or repeated profile changes nothing. Returns the orders changed.
WITH claimed AS (
    INSERT INTO orders_processed_events (consumer, event_id) VALUES ('user-profile-updated', :#eventId)
    ON CONFLICT DO NOTHING RETURNING event_id
), c AS (
    INSERT INTO order_customers AS c (user_id, name, email, shipping_address, pincode, city, country, phone_number, profile_updated_at)
    SELECT :#userId, CAST(:#name AS text), CAST(:#email AS text), CAST(:#shippingAddress AS text), CAST(:#pincode AS text),
           CAST(:#city AS text), CAST(:#country AS text), CAST(:#phoneNumber AS text), CAST(:#updatedAt AS timestamptz)
    FROM claimed
    ON CONFLICT (user_id) DO UPDATE SET
        name = coalesce(EXCLUDED.name, c.name), email = coalesce(EXCLUDED.email, c.email),
        shipping_address = EXCLUDED.shipping_address, pincode = EXCLUDED.pincode, city = EXCLUDED.city,
        country = EXCLUDED.country, phone_number = EXCLUDED.phone_number,
        profile_updated_at = EXCLUDED.profile_updated_at, updated_at = now()
    WHERE c.profile_updated_at IS NULL OR c.profile_updated_at < EXCLUDED.profile_updated_at
    RETURNING c.user_id, c.shipping_address, c.pincode, c.city, c.country, c.phone_number
), followed AS (
    UPDATE orders o
    SET shipping_address = c.shipping_address, pincode = c.pincode, city = c.city, country = c.country,
        phone_number = c.phone_number, updated_at = now()
    FROM c
    WHERE o.user_id = c.user_id AND o.status NOT IN ('shipped', 'refunded')
    RETURNING o.id, o.user_id
), announced AS (
    INSERT INTO orders_outbox (event_id, stream, payload)
    SELECT e.id, :#stream, json_build_object('eventId', e.id, 'type', 'order_changed', 'orderId', f.id, 'userId', f.user_id)::text
    FROM followed f CROSS JOIN LATERAL (SELECT gen_random_uuid()::text AS id) e
)
SELECT id AS "id" FROM followed
