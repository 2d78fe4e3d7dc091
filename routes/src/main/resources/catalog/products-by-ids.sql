-- the products among the ids asked for (the orders service prices an order with this), as one JSON array
SELECT coalesce(json_agg(product_json(p) ORDER BY p.id), '[]')::text AS "body"
FROM products p
WHERE p.id IN (:#in:ids)
