package dev.fetchplan.bench;

import dev.fetchplan.FetchStrategy;
import dev.fetchplan.bench.hibernate.HibernateContenders;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Every contender by name, each on the given (pooled, counted, possibly latency-adding) data source. */
final class Contenders {

    /** The contenders of the fetch scenarios, in the order the report lists them. */
    static final List<String> FETCHING = List.of("naive-jooq", "hibernate-lazy", "hibernate-join-fetch", "hibernate-batch",
            "hibernate-subselect", "jooq-multiset", "fetchplan-multiset", "fetchplan-batched", "fetchplan-stacked", "plain-jdbc",
            "plain-jdbc-stacked");

    /**
     * The contenders of the 10,000-user scenario: fetchplan's strategies and the hand-written JDBC of the same
     * statements (one naive or lazy-loading operation there would take minutes).
     */
    static final List<String> SCALING = List.of("fetchplan-multiset", "fetchplan-batched", "fetchplan-stacked", "plain-jdbc",
            "plain-jdbc-stacked");

    /** The contenders of the counting scenario. */
    static final List<String> COUNTING = List.of("fetchplan-projection", "fetchplan-load-and-count", "hibernate-lazy", "hibernate-join-fetch");

    private Contenders() {
    }

    /** The contenders measured in {@code scenario}. */
    static List<String> of(Scenario scenario) {
        return scenario.users() > 1000 ? SCALING : FETCHING;
    }

    static Contender create(String name, DataSource dataSource) {
        DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        return switch (name) {
            case "naive-jooq" -> new NaiveJooqContender(dsl);
            case "jooq-multiset" -> new JooqMultisetContender(dsl);
            case "fetchplan-multiset" -> new FetchplanContender(name, dsl, FetchStrategy.MULTISET, false);
            case "fetchplan-batched" -> new FetchplanContender(name, dsl, FetchStrategy.BATCHED, false);
            case "fetchplan-stacked" -> new FetchplanContender(name, dsl, FetchStrategy.STACKED, false);
            case "fetchplan-projection" -> new FetchplanContender(name, dsl, FetchStrategy.MULTISET, true);
            case "fetchplan-load-and-count" -> new FetchplanContender(name, dsl, FetchStrategy.BATCHED, false);
            case "plain-jdbc" -> new PlainJdbcContender(dataSource);
            case "plain-jdbc-stacked" -> new PlainJdbcStackedContender(dataSource);
            default -> HibernateContenders.create(name, dataSource);
        };
    }
}
