-- A minimal schema for testing the fixture itself (the blog schema lives in the schema module, built later).
CREATE TABLE users (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name  text NOT NULL,
    email text NOT NULL UNIQUE
);
