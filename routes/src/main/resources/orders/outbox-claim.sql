-- the oldest unpublished events, locked for this relay (another relay skips them, never waits)
SELECT id AS "id", event_id AS "eventId", stream AS "stream", payload AS "payload"
FROM orders_outbox
WHERE published_at IS NULL
ORDER BY id
LIMIT CAST(:#batch AS integer)
FOR UPDATE SKIP LOCKED
