-- a page of the caller's orders (an administrator's: everyone's), newest first, as one JSON array
SELECT coalesce(json_agg(order_json(o) ORDER BY o.created_at DESC, o.id), '[]')::text AS "body"
FROM orders o
WHERE o.id IN (SELECT id FROM orders WHERE CAST(:#admin AS boolean) OR user_id = :#userId
               ORDER BY created_at DESC, id LIMIT CAST(:#limit AS integer) OFFSET CAST(:#offset AS bigint))
