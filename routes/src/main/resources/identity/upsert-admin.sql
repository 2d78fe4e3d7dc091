-- the configured administrator: created, or given the configured password and the admin role
INSERT INTO users (email, name, password_hash, roles)
VALUES (:#email, 'Administrator', :#passwordHash, 'admin,user')
ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = EXCLUDED.password_hash, roles = 'admin,user', updated_at = now()
RETURNING id::text AS "id"
