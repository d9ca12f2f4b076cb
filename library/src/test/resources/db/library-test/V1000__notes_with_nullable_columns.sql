-- Test-only table: nullable columns and a nullable to-one link, which the blog schema does not have, to prove
-- that NULLs survive both strategies (and MULTISET's JSON) exactly.
CREATE TABLE notes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reviewer_id bigint REFERENCES users (id) ON DELETE SET NULL,
    text        text,
    rating      integer,
    reviewed_at timestamptz
);
