-- The bookshop's own schema, in Flyway's default location: a service that depends on fetchplan-core gets no
-- migration from fetchplan, so nothing here can clash with it.

CREATE TABLE authors (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE books (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    author_id    bigint  NOT NULL REFERENCES authors (id),
    title        text    NOT NULL,
    published    boolean NOT NULL DEFAULT false,
    published_on date
);
CREATE INDEX books_by_author ON books (author_id, published_on DESC);

CREATE TABLE tags (
    id   integer PRIMARY KEY,
    name text    NOT NULL UNIQUE
);

-- Many-to-many: books and tags.
CREATE TABLE book_tags (
    book_id bigint  NOT NULL REFERENCES books (id),
    tag_id  integer NOT NULL REFERENCES tags (id),
    PRIMARY KEY (book_id, tag_id)
);
CREATE INDEX book_tags_by_tag ON book_tags (tag_id);

-- A composite key: the editions of a book are numbered per book.
CREATE TABLE editions (
    book_id bigint   NOT NULL REFERENCES books (id),
    number  smallint NOT NULL,
    format  text     NOT NULL,
    PRIMARY KEY (book_id, number)
);

-- A composite foreign key: each print run of an edition.
CREATE TABLE print_runs (
    book_id        bigint   NOT NULL,
    edition_number smallint NOT NULL,
    run            integer  NOT NULL,
    copies         integer  NOT NULL,
    PRIMARY KEY (book_id, edition_number, run),
    FOREIGN KEY (book_id, edition_number) REFERENCES editions (book_id, number)
);
