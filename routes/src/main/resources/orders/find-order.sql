-- an order as its owner (or an administrator) sees it; nothing for anyone else
SELECT order_json(o)::text AS "body", o.user_id AS "userId", o.status AS "status"
FROM orders o
WHERE o.id = :#id AND (o.user_id = :#userId OR CAST(:#admin AS boolean))
