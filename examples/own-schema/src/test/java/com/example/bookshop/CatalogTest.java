package com.example.bookshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.bookshop.Catalog.Author;
import com.example.bookshop.Catalog.Book;
import com.example.bookshop.Catalog.Edition;
import com.example.bookshop.Catalog.PrintRun;
import dev.fetchplan.FetchStrategy;
import dev.fetchplan.NPlusOneException;
import dev.fetchplan.QueryGuard;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bookshop's plans on its own tables, in a real PostgreSQL migrated by its own Flyway scripts. */
class CatalogTest {

    static EmbeddedPostgres postgres;
    static DSLContext dsl;
    static final QueryGuard GUARD = QueryGuard.of(QueryGuard.Mode.STRICT);

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
        dsl = GUARD.guard(DSL.using(postgres.getPostgresDatabase(), SQLDialect.POSTGRES));
        dsl.execute("""
                INSERT INTO authors (name) VALUES ('Ursula'), ('Italo'), ('Nobody');
                INSERT INTO books (author_id, title, published, published_on) VALUES
                    (1, 'The Dispossessed', true, '1974-05-01'), (1, 'A Wizard of Earthsea', true, '1968-11-01'),
                    (1, 'Draft', false, NULL), (2, 'Invisible Cities', true, '1972-01-01');
                INSERT INTO tags (id, name) VALUES (1, 'fantasy'), (2, 'science fiction'), (3, 'classic');
                INSERT INTO book_tags VALUES (1, 2), (1, 3), (2, 1), (4, 3);
                INSERT INTO editions VALUES (1, 1, 'hardcover'), (1, 2, 'paperback'), (4, 1, 'paperback');
                INSERT INTO print_runs VALUES (1, 1, 1, 5000), (1, 1, 2, 2000), (1, 1, 3, 8000), (1, 2, 1, 10000);
                """);
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    static final List<Author> EXPECTED = List.of(
            new Author(1, "Ursula", List.of(
                    new Book(1, "The Dispossessed", LocalDate.of(1974, 5, 1), List.of("classic", "science fiction"), List.of(
                            new Edition((short) 1, "hardcover", 3, List.of(new PrintRun(3, 8000), new PrintRun(1, 5000))),
                            new Edition((short) 2, "paperback", 1, List.of(new PrintRun(1, 10000))))),
                    new Book(2, "A Wizard of Earthsea", LocalDate.of(1968, 11, 1), List.of("fantasy"), List.of()))),
            new Author(2, "Italo", List.of(
                    new Book(4, "Invisible Cities", LocalDate.of(1972, 1, 1), List.of("classic"),
                            List.of(new Edition((short) 1, "paperback", 0, List.of()))))),
            new Author(3, "Nobody", List.of()));

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void authorsComeWithPublishedBooksTagsEditionsAndPrintRuns(FetchStrategy strategy) {
        Catalog catalog = new Catalog(dsl, strategy);
        int statements = strategy == FetchStrategy.BATCHED || strategy == FetchStrategy.AUTO ? 5 : 1;

        GUARD.assertStatements(statements, () -> assertThat(catalog.authors(0, 20, 10)).isEqualTo(EXPECTED));
        GUARD.assertStatements(statements, () -> assertThat(catalog.authors(1, 1, 1)).containsExactly(EXPECTED.get(1)));
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void aToOneJoinsTheAuthorIntoTheSameStatement(FetchStrategy strategy) {
        GUARD.assertStatements(1, () -> assertThat(new Catalog(dsl, strategy).books()).extracting(Catalog.BookByAuthor::author)
                .containsExactly("Ursula", "Ursula", "Italo", "Ursula"));
    }

    @Test
    void theGuardStopsAnNPlusOneLoopWrittenByHand() {
        assertThatThrownBy(() -> {
            try (var scope = GUARD.open("hand-written loop")) {
                for (long author = 1; author <= 3; author++) {
                    dsl.selectFrom(com.example.bookshop.db.Tables.BOOKS)
                            .where(com.example.bookshop.db.Tables.BOOKS.AUTHOR_ID.eq(author)).fetch();
                }
            }
        }).isInstanceOf(NPlusOneException.class);
    }
}
