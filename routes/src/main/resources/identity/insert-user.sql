-- a new user; nothing (no row) when the email is taken, in any letter case
INSERT INTO users (email, name, password_hash, roles)
VALUES (:#email, :#name, :#passwordHash, :#roles)
ON CONFLICT ((lower(email))) DO NOTHING
RETURNING id::text AS "id", email AS "email", name AS "name", roles AS "roles"
