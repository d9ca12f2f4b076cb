package dev.fetchplan.spring;

import static dev.fetchplan.schema.jooq.Tables.COMMENTS;
import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.FetchObservations;
import dev.fetchplan.FetchPlan;
import dev.fetchplan.FetchStrategy;
import dev.fetchplan.NPlusOneException;
import dev.fetchplan.QueryGuard;
import dev.fetchplan.QueryScope;
import dev.fetchplan.blog.BlogCounts;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.postgres.BlogSeed;
import dev.fetchplan.testing.RecordedObservations;
import dev.fetchplan.testing.TestDatabase;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

/** The starter on Spring Boot's own jOOQ auto-configuration, against a real PostgreSQL. */
class FetchplanAutoConfigurationTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    static final AutoConfigurations BOOT_JOOQ = AutoConfigurations.of(DataSourceTransactionManagerAutoConfiguration.class,
            TransactionAutoConfiguration.class, JooqAutoConfiguration.class, FetchplanAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(DataSource.class, database::dataSource)
            .withConfiguration(BOOT_JOOQ);

    @BeforeAll
    static void seed() {
        BlogSeed.seed(database.dsl(), 5);
    }

    private static final UserQuery PAGE = UserQuery.builder().pageSize(5).build();

    @Test
    void bootsDslContextIsGuardedWithTheModeAndThresholdOfTheProperties() {
        runner.withPropertyValues("fetchplan.guard.mode=strict", "fetchplan.guard.threshold=2").run(context -> {
            QueryGuard guard = context.getBean(QueryGuard.class);
            assertThat(guard.mode()).isEqualTo(QueryGuard.Mode.STRICT);
            assertThat(guard.threshold()).isEqualTo(2);
            DSLContext dsl = context.getBean(DSLContext.class);
            try (QueryScope scope = guard.open("loop")) {
                dsl.selectFrom(USERS).where(USERS.ID.eq(1L)).fetch();
                assertThatThrownBy(() -> dsl.selectFrom(USERS).where(USERS.ID.eq(2L)).fetch())
                        .isInstanceOf(NPlusOneException.class)
                        .hasMessageContaining("loop");
                assertThat(scope.statements()).isEqualTo(2);
            }
        });
    }

    @Test
    void theDefaultsAreALoggingGuardOfThreeAutoAndNoComment() {
        runner.run(context -> {
            QueryGuard guard = context.getBean(QueryGuard.class);
            assertThat(guard.mode()).isEqualTo(QueryGuard.Mode.LOG);
            assertThat(guard.threshold()).isEqualTo(QueryGuard.DEFAULT_THRESHOLD);
            DSLContext dsl = context.getBean(DSLContext.class);
            assertThat(dsl.configuration().data(FetchStrategy.DEFAULT)).isEqualTo(FetchStrategy.AUTO);
            assertThat(dsl.configuration().data(FetchPlan.SQL_COMMENT)).isEqualTo(false);
            assertThat(guard.countStatements(() -> context.getBean(BlogQueries.class).fetchUsersWithPosts(PAGE)))
                    .isEqualTo(2);
        });
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void fetchesAskingForAutoRunWithTheStrategyOfTheProperty(FetchStrategy strategy) {
        RecordedObservations recorded = new RecordedObservations();
        runner.withBean(ObservationRegistry.class, () -> recorded.registry())
                .withPropertyValues("fetchplan.strategy=" + strategy.name().toLowerCase())
                .run(context -> {
                    BlogQueries blog = context.getBean(BlogQueries.class);
                    List<UserWithPosts> users = blog.fetchUsersWithPosts(PAGE);
                    List<UserWithPosts> named = blog.fetchUsersWithPosts(UserQuery.builder().pageSize(5)
                            .strategy(FetchStrategy.MULTISET).build());
                    assertThat(users).hasSize(5).isEqualTo(named);
                    FetchStrategy expected = strategy == FetchStrategy.AUTO ? FetchStrategy.BATCHED : strategy;
                    assertThat(strategies(recorded)).containsExactly(expected.name(), FetchStrategy.MULTISET.name());
                });
    }

    @Test
    void everyFetchAndReadIsObservedInTheApplicationsRegistry() {
        RecordedObservations recorded = new RecordedObservations();
        runner.withBean(ObservationRegistry.class, () -> recorded.registry()).run(context -> {
            context.getBean(BlogQueries.class).fetchUsersWithPosts(PAGE);
            context.getBean(BlogCounts.class).topPosters(3);
            assertThat(recorded.stopped()).hasSize(2);
            Observation.Context fetch = recorded.stopped().get(0);
            assertThat(fetch.getName()).isEqualTo(FetchObservations.NAME);
            assertThat(fetch.getLowCardinalityKeyValue(FetchObservations.PLAN).getValue()).isEqualTo("users(posts)");
            assertThat(fetch.getHighCardinalityKeyValue(FetchObservations.STATEMENTS).getValue()).isEqualTo("2");
            long rows = 5 + database.dsl().fetchCount(POSTS, POSTS.USER_ID.le(5L));
            assertThat(fetch.getHighCardinalityKeyValue(FetchObservations.ROWS).getValue()).isEqualTo(Long.toString(rows));
            assertThat(recorded.stopped().get(1).getLowCardinalityKeyValue(FetchObservations.STRATEGY).getValue())
                    .isEqualTo("read");
        });
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void anObservationCountsTheRowsOfEachLevel(FetchStrategy strategy) {
        RecordedObservations recorded = new RecordedObservations();
        runner.withBean(ObservationRegistry.class, () -> recorded.registry()).run(context -> {
            context.getBean(BlogQueries.class).fetchUsersWithPostsAndComments(UserQuery.builder().pageSize(3).strategy(strategy).build());
            long posts = database.dsl().fetchCount(POSTS, POSTS.USER_ID.le(3L));
            long comments = database.dsl().fetchCount(COMMENTS, COMMENTS.POST_ID.in(
                    DSL.select(POSTS.ID).from(POSTS).where(POSTS.USER_ID.le(3L))));
            assertThat(comments).isPositive();
            assertThat(recorded.stopped()).singleElement().satisfies(fetch -> {
                assertThat(fetch.getLowCardinalityKeyValue(FetchObservations.PLAN).getValue()).isEqualTo("users(posts(comments))");
                assertThat(fetch.getHighCardinalityKeyValue(FetchObservations.ROWS_PER_LEVEL).getValue())
                        .isEqualTo("3," + posts + "," + comments);
            });
        });
    }

    @Test
    void observationsCanBeTurnedOff() {
        RecordedObservations recorded = new RecordedObservations();
        runner.withBean(ObservationRegistry.class, () -> recorded.registry())
                .withPropertyValues("fetchplan.observations.enabled=false")
                .run(context -> {
                    context.getBean(BlogQueries.class).fetchUsersWithPosts(PAGE);
                    assertThat(recorded.stopped()).isEmpty();
                });
    }

    @Test
    void theSqlCommentPropertyNamesThePlanInEveryStatement() {
        runner.withPropertyValues("fetchplan.sql-comment=true").run(context -> {
            QueryGuard guard = context.getBean(QueryGuard.class);
            try (QueryScope scope = guard.open("comments")) {
                context.getBean(BlogQueries.class).fetchUsersWithPosts(PAGE);
                assertThat(scope.executionsByStatement().keySet()).hasSize(2)
                        .allSatisfy(sql -> assertThat(sql).contains("/*fetchplan_plan='users%28posts%29'*/"));
            }
        });
    }

    @Test
    void aStrategyOrCommentSwitchPutThereByTheApplicationIsKept() {
        DefaultConfigurationCustomizer own = configuration -> {
            configuration.data(FetchStrategy.DEFAULT, FetchStrategy.MULTISET);
            configuration.data(FetchPlan.SQL_COMMENT, true);
        };
        runner.withBean(DefaultConfigurationCustomizer.class, () -> own).withPropertyValues("fetchplan.strategy=stacked")
                .run(context -> {
                    DSLContext dsl = context.getBean(DSLContext.class);
                    assertThat(dsl.configuration().data(FetchStrategy.DEFAULT)).isEqualTo(FetchStrategy.MULTISET);
                    assertThat(dsl.configuration().data(FetchPlan.SQL_COMMENT)).isEqualTo(true);
                });
    }

    @Test
    void aJooqConfigurationOfTheApplicationEscapesTheGuardAndIsReportedAtStart() {
        runner.run(context -> assertThat(context.getBean(GuardCoverage.class).unwatched()).isEmpty());
        runner.withBean(org.jooq.Configuration.class,
                        () -> new DefaultConfiguration().set(database.dataSource()).set(SQLDialect.POSTGRES))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(GuardCoverage.class).unwatched()).containsExactly("dslContext");
                });
        runner.withBean("reporting", DSLContext.class, () -> org.jooq.impl.DSL.using(SQLDialect.POSTGRES))
                .withBean("lazy", DSLContext.class, () -> {
                    throw new IllegalStateException("a lazy bean is not created to be checked");
                }, definition -> definition.setLazyInit(true))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(GuardCoverage.class).unwatched()).as("a lazy bean is passed over")
                            .containsExactly("reporting");
                });
    }

    @Test
    void beansOfTheApplicationComeFirst() {
        QueryGuard own = QueryGuard.of(QueryGuard.Mode.OFF, 7);
        BlogQueries ownBlog = BlogQueries.using(database.dsl());
        runner.withBean(QueryGuard.class, () -> own)
                .withBean(BlogQueries.class, () -> ownBlog)
                .withPropertyValues("fetchplan.guard.mode=strict")
                .run(context -> {
                    assertThat(context).getBean(QueryGuard.class).isSameAs(own);
                    assertThat(context).getBean(BlogQueries.class).isSameAs(ownBlog);
                    assertThat(context).hasSingleBean(BlogCounts.class);
                    DSLContext dsl = context.getBean(DSLContext.class);
                    assertThat(own.countStatements(() -> dsl.selectOne().fetch())).isEqualTo(1);
                });
    }

    @Test
    void withoutTheBlogLibraryOrMicrometerTheGuardStillWorks() {
        runner.withClassLoader(new FilteredClassLoader(BlogQueries.class, ObservationRegistry.class)).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(BlogQueries.class).doesNotHaveBean(BlogCounts.class);
            QueryGuard guard = context.getBean(QueryGuard.class);
            assertThat(guard.countStatements(() -> context.getBean(DSLContext.class).selectOne().fetch())).isEqualTo(1);
        });
    }

    @Test
    void aBadPropertyStopsTheApplicationSayingWhatIsAllowed() {
        runner.withPropertyValues("fetchplan.guard.threshold=1").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("threshold is 1; allowed: 2 or more"));
        runner.withPropertyValues("fetchplan.strategy=fastest").run(context -> assertThat(context).hasFailed()
                .getFailure().hasStackTraceContaining("fastest"));
    }

    @ParameterizedTest
    @EnumSource(value = FetchStrategy.class, names = "AUTO", mode = EnumSource.Mode.EXCLUDE)
    void everyStrategyReadsInsideAndOutsideASpringTransaction(FetchStrategy strategy) {
        runner.run(context -> {
            BlogQueries blog = context.getBean(BlogQueries.class);
            DSLContext dsl = context.getBean(DSLContext.class);
            UserQuery query = UserQuery.builder().pageSize(100).strategy(strategy).build();
            List<UserWithPosts> outside = blog.fetchUsersWithPosts(query);
            assertThat(outside).hasSize(5).isEqualTo(blog.fetchUsersWithPosts(
                    UserQuery.builder().pageSize(100).strategy(FetchStrategy.MULTISET).build()));
            TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
            transaction.executeWithoutResult(status -> {
                dsl.insertInto(USERS, USERS.NAME, USERS.EMAIL).values("Uncommitted", "uncommitted@example.com").execute();
                assertThat(blog.fetchUsersWithPosts(query)).hasSize(6).last()
                        .satisfies(user -> assertThat(user.name()).isEqualTo("Uncommitted"));
                status.setRollbackOnly();
            });
            assertThat(blog.fetchUsersWithPosts(query)).isEqualTo(outside);
        });
    }

    private static List<String> strategies(RecordedObservations recorded) {
        return recorded.stopped().stream().map(context -> RecordedObservations.value(context, FetchObservations.STRATEGY)).toList();
    }
}
