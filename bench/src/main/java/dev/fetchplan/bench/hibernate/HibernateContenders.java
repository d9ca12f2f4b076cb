package dev.fetchplan.bench.hibernate;

import dev.fetchplan.bench.Contender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;

/**
 * The Hibernate ORM contenders, each with its own session factory over the given data source (which they
 * use but never close):
 * <ul>
 *   <li>{@code hibernate-lazy}: default lazy loading, the classic N+1 (one statement per collection and per
 *       author not already loaded);</li>
 *   <li>{@code hibernate-join-fetch}: the page of user ids, then one JOIN FETCH query (see {@link JoinFetchLoader});</li>
 *   <li>{@code hibernate-batch}: lazy loading with {@code hibernate.default_batch_fetch_size=100};</li>
 *   <li>{@code hibernate-subselect}: lazy loading with {@code hibernate.use_subselect_fetch}, which loads each
 *       collection level for all owners by re-running the owners' query as a subquery (so the page of users is
 *       chosen in a subquery, see {@link LazyLoader#SUBQUERY}). Authors are to-one associations, which
 *       subselect fetching does not cover, so each author not already loaded takes one statement.</li>
 * </ul>
 * Only {@code hibernate-lazy} and {@code hibernate-join-fetch} take part in the counting scenario.
 */
public final class HibernateContenders {

    /** The contenders' names, in the order listed above. */
    public static final List<String> NAMES =
            List.of("hibernate-lazy", "hibernate-join-fetch", "hibernate-batch", "hibernate-subselect");

    private static final int BATCH_FETCH_SIZE = 100;

    private HibernateContenders() {
    }

    /** All four contenders, in the order of {@link #NAMES}; the caller closes them. */
    public static List<Contender> all(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        List<Contender> contenders = new ArrayList<>();
        try {
            for (String name : NAMES) {
                contenders.add(create(name, dataSource));
            }
        } catch (RuntimeException e) {
            contenders.forEach(Contender::close);
            throw e;
        }
        return List.copyOf(contenders);
    }

    /**
     * The contender called {@code name}, one of {@link #NAMES}; the caller closes it.
     *
     * @throws IllegalArgumentException if {@code name} is not a Hibernate contender
     */
    public static Contender create(String name, DataSource dataSource) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataSource, "dataSource");
        return switch (name) {
            case "hibernate-lazy" -> contender(name, dataSource, Map.of(), LazyLoader.LIMIT, true);
            case "hibernate-join-fetch" -> contender(name, dataSource, Map.of(), JoinFetchLoader.INSTANCE, true);
            case "hibernate-batch" -> contender(name, dataSource,
                    Map.of(AvailableSettings.DEFAULT_BATCH_FETCH_SIZE, BATCH_FETCH_SIZE), LazyLoader.LIMIT, false);
            case "hibernate-subselect" -> contender(name, dataSource,
                    Map.of(AvailableSettings.USE_SUBSELECT_FETCH, true), LazyLoader.SUBQUERY, false);
            default -> throw new IllegalArgumentException("no Hibernate contender is called " + name + "; known: " + NAMES);
        };
    }

    private static Contender contender(String name, DataSource dataSource, Map<String, Object> strategySettings,
            UserLoader loader, boolean countsPosts) {
        return new HibernateContender(name, SessionFactories.build(dataSource, strategySettings), loader, countsPosts);
    }
}
