-- catalog: products (price with its cents kept exactly; stock never negative, enforced by the database),
-- the saga events it has handled (idempotent consumers) and its outbox (events written in the same
-- transaction as the change, published to Redis streams by a relay).
CREATE TABLE products (
    id          text          PRIMARY KEY,
    name        text          NOT NULL,
    description text          NOT NULL DEFAULT '',
    price       numeric(12,2) NOT NULL CHECK (price >= 0),
    stock       integer       NOT NULL CHECK (stock >= 0),
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX products_listing ON products (created_at, id);

-- One representation for every read: seed 000's clients read "pk" from a product and "id" from the
-- list, seed 004's read "stock", 000's "quantity": all are there. trim_scale: 42.50 is 42.5, 42.00 is 42.
CREATE FUNCTION product_json(p products) RETURNS json LANGUAGE sql IMMUTABLE AS $$
    SELECT json_build_object(
        'pk', p.id, 'id', p.id, 'name', p.name, 'description', p.description, 'price', trim_scale(p.price),
        'quantity', p.stock, 'stock', p.stock, 'createdAt', p.created_at, 'updatedAt', p.updated_at)
$$;

-- A product event (product_created, _updated, _deleted, stock_changed) as the outbox stores it.
CREATE FUNCTION product_event(event_id text, type text, p products) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT json_build_object('eventId', event_id, 'type', type, 'productId', p.id, 'product', product_json(p))::text
$$;

CREATE TABLE catalog_processed_events (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE TABLE catalog_outbox (
    id           bigserial   PRIMARY KEY,
    event_id     text        NOT NULL UNIQUE,
    stream       text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX catalog_outbox_unpublished ON catalog_outbox (id) WHERE published_at IS NULL;
