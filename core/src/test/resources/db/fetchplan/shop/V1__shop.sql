-- A schema unlike the blog, written for the engine's tests: keys of several types and arities, a tree, a
-- many-to-many through a table with a composite key, a composite foreign key into a partitioned table, an
-- enum, an array column, a nullable foreign key, and a table outside the public schema.

CREATE SCHEMA catalog;

CREATE TYPE product_status AS ENUM ('draft', 'active', 'retired');

CREATE TABLE catalog.departments (
    id   smallint PRIMARY KEY,
    name text     NOT NULL
);

-- A tree (self-reference, nullable: roots have no parent), in a schema of its own; every category belongs to a
-- department (a required reference behind the optional one from products).
CREATE TABLE catalog.categories (
    id            integer  PRIMARY KEY,
    parent_id     integer  REFERENCES catalog.categories (id),
    department_id smallint NOT NULL REFERENCES catalog.departments (id),
    name          text     NOT NULL
);
CREATE INDEX categories_parent ON catalog.categories (parent_id);

-- smallint keys.
CREATE TABLE warehouses (
    id   smallint PRIMARY KEY,
    name text     NOT NULL,
    city text
);

-- integer keys, a nullable foreign key, an enum and an array.
CREATE TABLE products (
    id          integer        PRIMARY KEY,
    category_id integer        REFERENCES catalog.categories (id),
    name        text           NOT NULL,
    status      product_status NOT NULL,
    labels      text[]         NOT NULL DEFAULT '{}',
    price       numeric(10, 2) NOT NULL
);
CREATE INDEX products_category ON products (category_id);

-- The link between warehouses and products: a composite primary key of two foreign keys.
CREATE TABLE stock (
    warehouse_id smallint    NOT NULL REFERENCES warehouses (id),
    product_id   integer     NOT NULL REFERENCES products (id),
    quantity     integer     NOT NULL,
    counted_at   timestamptz NOT NULL,
    PRIMARY KEY (warehouse_id, product_id)
);
CREATE INDEX stock_product ON stock (product_id);

-- Movements of one stock entry: a composite foreign key, in a table partitioned by warehouse.
CREATE TABLE stock_movements (
    warehouse_id smallint    NOT NULL,
    product_id   integer     NOT NULL,
    id           bigint      NOT NULL,
    moved_at     timestamptz NOT NULL,
    delta        integer     NOT NULL,
    note         text,
    PRIMARY KEY (warehouse_id, product_id, id),
    CONSTRAINT stock_movements_stock_fk FOREIGN KEY (warehouse_id, product_id) REFERENCES stock (warehouse_id, product_id)
) PARTITION BY HASH (warehouse_id);
CREATE TABLE stock_movements_p0 PARTITION OF stock_movements FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE stock_movements_p1 PARTITION OF stock_movements FOR VALUES WITH (MODULUS 2, REMAINDER 1);

-- Keys of a type jOOQ does not know (an extension's), equal regardless of case: customers and their carts.
CREATE EXTENSION citext;

CREATE TABLE customers (
    email citext PRIMARY KEY,
    name  text   NOT NULL
);

CREATE TABLE carts (
    id             integer PRIMARY KEY,
    customer_email citext  REFERENCES customers (email),
    note           text
);
