-- orders: orders and their items (prices as they were when the order was placed), what orders keeps of
-- identity's users (from its events, so placing an order never needs identity), the events it has
-- handled and its outbox.
CREATE TABLE orders (
    id               text          PRIMARY KEY,
    user_id          text          NOT NULL,
    status           text          NOT NULL CHECK (status IN ('pending', 'paid', 'completed', 'refunded', 'shipped')),
    subtotal         numeric(14,2) NOT NULL CHECK (subtotal >= 0),
    fee              numeric(14,2) NOT NULL CHECK (fee >= 0),
    total            numeric(14,2) NOT NULL CHECK (total >= 0),
    refund_reason    text,
    shipping_address text,
    pincode          text,
    city             text,
    country          text,
    phone_number     text,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    updated_at       timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX orders_by_user ON orders (user_id, created_at DESC, id);
CREATE INDEX orders_by_time ON orders (created_at DESC, id);

CREATE TABLE order_items (
    id         text          PRIMARY KEY,
    order_id   text          NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line       integer       NOT NULL,
    product_id text          NOT NULL,
    name       text          NOT NULL,
    quantity   integer       NOT NULL CHECK (quantity > 0),
    price      numeric(12,2) NOT NULL CHECK (price >= 0),
    UNIQUE (order_id, line)
);

-- One representation for every read. Orders of one item also carry seed 000's flat fields
-- (product_id, price = the unit price); every order has seed 000's quantity, fee and total.
CREATE FUNCTION order_json(o orders) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_build_object(
        'pk', o.id, 'id', o.id, 'userId', o.user_id, 'status', o.status,
        'items', coalesce((SELECT json_agg(json_build_object('id', i.id, 'productId', i.product_id, 'name', i.name,
                                                            'quantity', i.quantity, 'price', trim_scale(i.price)) ORDER BY i.line)
                           FROM order_items i WHERE i.order_id = o.id), '[]'::json),
        'product_id', (SELECT min(i.product_id) FROM order_items i WHERE i.order_id = o.id HAVING count(*) = 1),
        'price', (SELECT trim_scale(min(i.price)) FROM order_items i WHERE i.order_id = o.id HAVING count(*) = 1),
        'quantity', (SELECT sum(i.quantity) FROM order_items i WHERE i.order_id = o.id),
        'subtotal', trim_scale(o.subtotal), 'fee', trim_scale(o.fee), 'total', trim_scale(o.total),
        'refundReason', o.refund_reason,
        'shippingAddress', o.shipping_address, 'pincode', o.pincode, 'city', o.city, 'country', o.country,
        'phoneNumber', o.phone_number, 'createdAt', o.created_at, 'updatedAt', o.updated_at)
$$;

CREATE TABLE order_customers (
    user_id            text        PRIMARY KEY,
    name               text,
    email              text,
    shipping_address   text,
    pincode            text,
    city               text,
    country            text,
    phone_number       text,
    -- the profile version applied: identity's events may arrive out of order
    profile_updated_at timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders_processed_events (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE TABLE orders_outbox (
    id           bigserial   PRIMARY KEY,
    event_id     text        NOT NULL UNIQUE,
    stream       text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX orders_outbox_unpublished ON orders_outbox (id) WHERE published_at IS NULL;
