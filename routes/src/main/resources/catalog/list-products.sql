-- a page of products, oldest first, as one JSON array (seed 000's ?page=1&limit=100)
SELECT coalesce(json_agg(product_json(p) ORDER BY p.created_at, p.id), '[]')::text AS "body"
FROM products p
WHERE p.id IN (SELECT id FROM products ORDER BY created_at, id LIMIT CAST(:#limit AS integer) OFFSET CAST(:#offset AS bigint))
