-- Test-only view whose column fails (division by zero) for every row: a level that fails on the server after
-- the first statement of a fetch, to prove the snapshot transaction is rolled back.
CREATE VIEW failing_posts AS SELECT id, user_id, 1 / (id - id) AS boom FROM posts;
