SELECT u.id::text AS "userId", u.name AS "name", u.email AS "email", p.bio AS "bio",
       p.shipping_address AS "shippingAddress", p.pincode AS "pincode", p.city AS "city",
       p.country AS "country", p.phone_number AS "phoneNumber", to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updatedAt"
FROM users u LEFT JOIN profiles p ON p.user_id = u.id
WHERE u.id = CAST(:#userId AS uuid)
