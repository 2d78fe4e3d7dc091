-- a page of accounts, oldest first, as one JSON array (no password hashes, ever)
SELECT coalesce(json_agg(json_build_object('id', u.id::text, 'name', u.name, 'email', u.email,
                                           'roles', string_to_array(u.roles, ','), 'createdAt', u.created_at)
                         ORDER BY u.created_at, u.id), '[]')::text AS "body"
FROM (SELECT * FROM users ORDER BY created_at, id LIMIT CAST(:#limit AS integer) OFFSET CAST(:#offset AS bigint)) u
