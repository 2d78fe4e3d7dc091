-- rotation: a valid refresh token is revoked as it is used, and its user returned; a revoked,
-- expired or unknown one returns nothing
WITH used AS (
    UPDATE refresh_tokens SET revoked_at = now()
    WHERE token_hash = :#tokenHash AND revoked_at IS NULL AND expires_at > now()
    RETURNING user_id
)
SELECT u.id::text AS "id", u.email AS "email", u.name AS "name", u.roles AS "roles"
FROM users u JOIN used ON used.user_id = u.id
