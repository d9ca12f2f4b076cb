package com.example.bookshop;

import static com.example.bookshop.db.Tables.AUTHORS;
import static com.example.bookshop.db.Tables.BOOKS;
import static com.example.bookshop.db.Tables.BOOK_TAGS;
import static com.example.bookshop.db.Tables.EDITIONS;
import static com.example.bookshop.db.Tables.PRINT_RUNS;
import static com.example.bookshop.db.Tables.TAGS;

import com.example.bookshop.db.Keys;
import dev.fetchplan.Count;
import dev.fetchplan.FetchPlan;
import dev.fetchplan.FetchStrategy;
import dev.fetchplan.FetchedRow;
import dev.fetchplan.ToMany;
import dev.fetchplan.ToOne;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.impl.DSL;

/**
 * The bookshop's read side: a page of authors with their published books, each book with its tags (a
 * many-to-many) and editions (a composite key), each edition with its print runs (a composite foreign key) —
 * one statement (MULTISET) or one per to-many level (BATCHED), whatever the page holds. The plans are declared
 * once; each call binds its values. Thread-safe if the DSLContext is.
 */
public final class Catalog {

    /** An author with their newest published books. */
    public record Author(long id, String name, List<Book> books) {
    }

    public record Book(long id, String title, LocalDate publishedOn, List<String> tags, List<Edition> editions) {
    }

    public record Edition(short number, String format, long printRuns, List<PrintRun> largestRuns) {
    }

    public record PrintRun(int run, int copies) {
    }

    /** A book with its author: the way back, as a to-one. */
    public record BookByAuthor(long id, String title, String author) {
    }

    static final Param<Long> AFTER = DSL.param("after", 0L);

    static final ToMany<String> TAGS_OF_BOOK = ToMany.through(Keys.BOOK_TAGS__BOOK_TAGS_BOOK_ID_FKEY, Keys.BOOK_TAGS__BOOK_TAGS_TAG_ID_FKEY)
            .select(TAGS.NAME)
            .orderBy(TAGS.NAME.asc())
            .map(row -> row.get(TAGS.NAME));

    static final ToMany<PrintRun> LARGEST_RUNS = ToMany.via(Keys.PRINT_RUNS__PRINT_RUNS_BOOK_ID_EDITION_NUMBER_FKEY)
            .select(PRINT_RUNS.RUN, PRINT_RUNS.COPIES)
            .orderBy(PRINT_RUNS.COPIES.desc())
            .limitPerParent(2)
            .map(row -> new PrintRun(row.get(PRINT_RUNS.RUN), row.get(PRINT_RUNS.COPIES)));

    static final Count PRINT_RUN_COUNT = Count.via(Keys.PRINT_RUNS__PRINT_RUNS_BOOK_ID_EDITION_NUMBER_FKEY);

    static final Function<FetchedRow, Edition> EDITION = row -> new Edition(row.get(EDITIONS.NUMBER),
            row.get(EDITIONS.FORMAT), row.get(PRINT_RUN_COUNT), row.get(LARGEST_RUNS));

    static final ToMany<Edition> EDITIONS_OF_BOOK = ToMany.via(Keys.EDITIONS__EDITIONS_BOOK_ID_FKEY)
            .select(EDITIONS.NUMBER, EDITIONS.FORMAT)
            .orderBy(EDITIONS.NUMBER.asc())
            .count(PRINT_RUN_COUNT)
            .include(LARGEST_RUNS)
            .map(EDITION);

    static final ToMany<Book> PUBLISHED_BOOKS = ToMany.via(Keys.BOOKS__BOOKS_AUTHOR_ID_FKEY)
            .select(BOOKS.ID, BOOKS.TITLE, BOOKS.PUBLISHED_ON)
            .where(BOOKS.PUBLISHED.isTrue())
            .orderBy(BOOKS.PUBLISHED_ON.desc())
            .limitPerParent(10)
            .include(TAGS_OF_BOOK, EDITIONS_OF_BOOK)
            .map(row -> new Book(row.get(BOOKS.ID), row.get(BOOKS.TITLE), row.get(BOOKS.PUBLISHED_ON),
                    row.get(TAGS_OF_BOOK), row.get(EDITIONS_OF_BOOK)));

    static final FetchPlan<Author> AUTHORS_WITH_BOOKS = FetchPlan.from(AUTHORS)
            .select(AUTHORS.ID, AUTHORS.NAME)
            .where(AUTHORS.ID.gt(AFTER))
            .orderBy(AUTHORS.ID.asc())
            .limit(20)
            .include(PUBLISHED_BOOKS)
            .map(row -> new Author(row.get(AUTHORS.ID), row.get(AUTHORS.NAME), row.get(PUBLISHED_BOOKS)));

    static final ToOne<String> AUTHOR_NAME = ToOne.via(Keys.BOOKS__BOOKS_AUTHOR_ID_FKEY)
            .select(AUTHORS.NAME)
            .map(row -> row.get(AUTHORS.NAME));

    static final FetchPlan<BookByAuthor> BOOKS_WITH_AUTHORS = FetchPlan.from(BOOKS)
            .select(BOOKS.ID, BOOKS.TITLE)
            .orderBy(BOOKS.TITLE.asc())
            .join(AUTHOR_NAME)
            .map(row -> new BookByAuthor(row.get(BOOKS.ID), row.get(BOOKS.TITLE), row.get(AUTHOR_NAME)));

    private final DSLContext dsl;
    private final FetchStrategy strategy;

    public Catalog(DSLContext dsl, FetchStrategy strategy) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    /** Authors with an id greater than {@code after}, at most {@code pageSize}, each with up to {@code booksPerAuthor} books. */
    public List<Author> authors(long after, int pageSize, int booksPerAuthor) {
        return AUTHORS_WITH_BOOKS
                .bind(AFTER, after)
                .limit(pageSize)
                .limitPerParent(PUBLISHED_BOOKS, booksPerAuthor)
                .fetch(dsl, strategy);
    }

    /** Every book with its author's name, by title. */
    public List<BookByAuthor> books() {
        return BOOKS_WITH_AUTHORS.fetch(dsl, strategy);
    }
}
