SELECT product_json(p)::text AS "body" FROM products p WHERE p.id = :#id
