-- Test-only table: one column per type a user's plan may select, to prove that BATCHED (which reads common
-- types straight from the ResultSet) and MULTISET return what jOOQ itself reads for each of them.
CREATE TABLE typed_values (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    small       smallint,
    whole       integer,
    big         bigint,
    flag        boolean,
    ratio       double precision,
    amount      numeric(12, 4),
    token       uuid,
    label       text,
    code        char(4),
    at_instant  timestamptz,
    at_offset   timestamptz,
    day         date,
    tags        text[],
    doc         jsonb
);
