-- what orders knows of a user from identity's events: the shipping details of the latest profile
SELECT shipping_address AS "shippingAddress", pincode AS "pincode", city AS "city", country AS "country",
       phone_number AS "phoneNumber", profile_updated_at IS NOT NULL AS "hasProfile"
FROM order_customers
WHERE user_id = :#userId
