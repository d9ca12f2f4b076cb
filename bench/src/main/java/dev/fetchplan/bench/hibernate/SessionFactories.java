package dev.fetchplan.bench.hibernate;

import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * Builds a session factory over the benchmark's data source, without persistence.xml: the dialect resolved
 * from the connection (PostgreSQL; naming it explicitly only draws Hibernate's warning HHH90000025), no
 * schema tooling, no SQL logging, no second-level or query cache, and paging over a collection fetch refused
 * rather than done in memory. Closing the factory releases its service registry but not the data source.
 */
final class SessionFactories {

    private SessionFactories() {
    }

    /** A factory for the three entities, with {@code strategySettings} applied over the common ones. */
    static SessionFactory build(DataSource dataSource, Map<String, Object> strategySettings) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.SHOW_SQL, false)
                .applySetting(AvailableSettings.USE_SECOND_LEVEL_CACHE, false)
                .applySetting(AvailableSettings.USE_QUERY_CACHE, false)
                .applySetting(AvailableSettings.FAIL_ON_PAGINATION_OVER_COLLECTION_FETCH, true)
                .applySettings(strategySettings)
                .build();
        try {
            return new MetadataSources(registry)
                    .addAnnotatedClasses(UserEntity.class, PostEntity.class, CommentEntity.class)
                    .buildMetadata()
                    .buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }
}
