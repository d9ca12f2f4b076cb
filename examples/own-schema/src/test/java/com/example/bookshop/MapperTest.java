package com.example.bookshop;

import static com.example.bookshop.db.Tables.EDITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.bookshop.Catalog.Edition;
import com.example.bookshop.Catalog.PrintRun;
import dev.fetchplan.FetchedRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan's mapper is plain code: it is tested on a hand-made row, without a database. */
class MapperTest {

    @Test
    void anEditionIsMappedFromItsColumnsCountAndRuns() {
        FetchedRow row = FetchedRow.builder()
                .set(EDITIONS.NUMBER, (short) 2)
                .set(EDITIONS.FORMAT, "paperback")
                .set(Catalog.PRINT_RUN_COUNT, 3)
                .set(Catalog.LARGEST_RUNS, List.of(new PrintRun(1, 10000)))
                .build();

        Edition edition = Catalog.EDITION.apply(row);

        assertThat(edition).isEqualTo(new Edition((short) 2, "paperback", 3, List.of(new PrintRun(1, 10000))));
    }
}
