-- The blog schema every fetch plan reads: users write posts, users comment on posts.
--
-- ON DELETE: deleting a user erases everything they wrote (their posts, the comments on those posts and
-- their comments elsewhere); deleting a post erases its comments. Nothing is left pointing at a row that
-- no longer exists, and no soft-delete flag has to be remembered by every query.

CREATE TABLE users (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL,
    email      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_name_not_blank CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT users_email_format CHECK (length(email) <= 320 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$')
);

-- Emails are unique regardless of case: Alice@example.com and alice@example.com are one person.
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

CREATE TABLE posts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL,
    title      text        NOT NULL,
    body       text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT posts_title_not_blank CHECK (length(btrim(title)) BETWEEN 1 AND 300),
    CONSTRAINT posts_body_length CHECK (length(body) <= 100000)
);

-- A user's posts, newest first, with id as the tiebreak: serves "top N newest posts per user".
CREATE INDEX posts_user_newest ON posts (user_id, created_at DESC, id DESC);

CREATE TABLE comments (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id    bigint      NOT NULL,
    author_id  bigint      NOT NULL,
    content    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT comments_post_fk FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
    CONSTRAINT comments_author_fk FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT comments_content_not_blank CHECK (length(btrim(content)) BETWEEN 1 AND 10000)
);

-- A post's comments in conversation order (oldest first, id as the tiebreak).
CREATE INDEX comments_post_oldest ON comments (post_id, created_at, id);
-- Comments written by a user; also keeps ON DELETE CASCADE from users from scanning the table.
CREATE INDEX comments_author ON comments (author_id);
