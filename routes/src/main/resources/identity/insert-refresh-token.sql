INSERT INTO refresh_tokens (token_hash, user_id, expires_at)
VALUES (:#tokenHash, CAST(:#userId AS uuid), now() + CAST(:#ttl AS interval))
