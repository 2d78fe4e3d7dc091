UPDATE orders_outbox SET published_at = now() WHERE id IN (:#in:ids)
