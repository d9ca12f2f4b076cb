-- Demo data: 200 users, 3 posts each, 2 comments per post by other users. Leave db/demo out of
-- spring.flyway.locations to start with empty tables.
INSERT INTO users (name, email, created_at)
SELECT 'User ' || g, 'user' || g || '@example.com', timestamptz '2026-01-01 00:00:00+00' + g * interval '1 hour'
FROM generate_series(1, 200) g;

INSERT INTO posts (user_id, title, body, created_at)
SELECT u.id, 'Post ' || p || ' by ' || u.name, 'Body of post ' || p, u.created_at + p * interval '1 day'
FROM users u, generate_series(1, 3) p;

INSERT INTO comments (post_id, author_id, content, created_at)
SELECT posts.id, 1 + (posts.user_id + c) % 200, 'Comment ' || c || ' on ' || posts.title, posts.created_at + c * interval '1 minute'
FROM posts, generate_series(1, 2) c;
