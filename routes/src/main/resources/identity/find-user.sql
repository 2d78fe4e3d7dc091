-- one account (no password hash); compared as text, so an id that is not a UUID simply finds nothing
SELECT json_build_object('id', u.id::text, 'name', u.name, 'email', u.email,
                         'roles', string_to_array(u.roles, ','), 'createdAt', u.created_at)::text AS "body"
FROM users u
WHERE u.id::text = :#id
