-- creates the profile, or changes the fields given; a field left out (null) keeps its value
INSERT INTO profiles AS p (user_id, bio, shipping_address, pincode, city, country, phone_number)
VALUES (CAST(:#userId AS uuid), CAST(:#bio AS text), CAST(:#shippingAddress AS text), CAST(:#pincode AS text),
        CAST(:#city AS text), CAST(:#country AS text), CAST(:#phoneNumber AS text))
ON CONFLICT (user_id) DO UPDATE SET
    bio              = COALESCE(EXCLUDED.bio, p.bio),
    shipping_address = COALESCE(EXCLUDED.shipping_address, p.shipping_address),
    pincode          = COALESCE(EXCLUDED.pincode, p.pincode),
    city             = COALESCE(EXCLUDED.city, p.city),
    country          = COALESCE(EXCLUDED.country, p.country),
    phone_number     = COALESCE(EXCLUDED.phone_number, p.phone_number),
    updated_at       = now()
RETURNING user_id::text AS "userId"
