SELECT id::text AS "id", email AS "email", name AS "name", password_hash AS "passwordHash", roles AS "roles"
FROM users
WHERE lower(email) = lower(:#email)
