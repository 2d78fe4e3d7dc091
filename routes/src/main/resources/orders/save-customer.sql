-- user_registered: who the user is (their profile comes with user_profile_updated); the event is
-- claimed in the same statement, so a redelivery changes nothing
WITH claimed AS (
    INSERT INTO orders_processed_events (consumer, event_id) VALUES ('user-registered', :#eventId)
    ON CONFLICT DO NOTHING RETURNING event_id
)
INSERT INTO order_customers AS c (user_id, name, email)
SELECT :#userId, CAST(:#name AS text), CAST(:#email AS text) FROM claimed
ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, updated_at = now()
