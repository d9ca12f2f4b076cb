package dev.fetchplan;

import java.util.List;
import java.util.Set;

/** Sorting recorded SQL into the queries a fetch ran and the transaction control around them. */
final class Statements {

    static final Set<String> TRANSACTION_CONTROL = Set.of(
            "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", "START TRANSACTION",
            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", "COMMIT", "ROLLBACK");

    private Statements() {
    }

    static List<String> queries(List<String> statements) {
        return statements.stream().filter(sql -> !TRANSACTION_CONTROL.contains(sql)).toList();
    }

    static List<String> transactionControl(List<String> statements) {
        return statements.stream().filter(TRANSACTION_CONTROL::contains).toList();
    }

    static long placeholders(String sql) {
        return sql.chars().filter(character -> character == '?').count();
    }
}
