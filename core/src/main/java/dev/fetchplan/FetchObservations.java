package dev.fetchplan;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * One Micrometer {@link Observation} per fetch (and per {@link FetchPolicy#read}), named {@value #NAME}, for the
 * metrics and traces a service already exports through its {@link ObservationRegistry}: with Micrometer's default
 * meter handler a timer {@value #NAME} tagged by plan and strategy. Low-cardinality keys: {@value #PLAN} (the plan's
 * {@link FetchPlan#name()}), {@value #STRATEGY} (the strategy the fetch ran with, AUTO resolved; {@code read} for a
 * caller's read); high-cardinality keys: {@value #LEVELS}, {@value #STATEMENTS} (statements sent, a retry's included),
 * {@value #ROWS} (rows read over all levels by fetch plans, a failed attempt's included; 0 for a caller's read) and
 * {@value #ROWS_PER_LEVEL} (the same per level, in the plan's level order, root first: {@code 20,57,140}).
 * An error is recorded on the observation. A read's name is a tag value: keep the names of reads few. Needs
 * {@code io.micrometer:micrometer-observation}, an optional dependency of fetchplan-core.
 */
public final class FetchObservations {

    public static final String NAME = "fetchplan.fetch";
    public static final String PLAN = "fetchplan.plan";
    public static final String STRATEGY = "fetchplan.strategy";
    public static final String LEVELS = "fetchplan.levels";
    public static final String STATEMENTS = "fetchplan.statements";
    public static final String ROWS = "fetchplan.rows";
    public static final String ROWS_PER_LEVEL = "fetchplan.rows_per_level";

    private FetchObservations() {
    }

    /** {@code dsl} with every fetch run through it observed in {@code registry} (a derived DSLContext; {@code dsl} is unchanged). */
    public static DSLContext observe(DSLContext dsl, ObservationRegistry registry) {
        Objects.requireNonNull(dsl, "dsl");
        return DSL.using(installInto(dsl.configuration().derive(), registry));
    }

    /**
     * Makes every fetch run with {@code configuration} observed in {@code registry}, changing it in place: for a
     * configuration that is being set up, such as Spring Boot's. Returns it.
     */
    public static Configuration installInto(Configuration configuration, ObservationRegistry registry) {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(registry, "registry");
        configuration.data(FetchObserver.KEY, new Observer(registry));
        return configuration;
    }

    private static final class Observer implements FetchObserver {
        private final ObservationRegistry registry;

        Observer(ObservationRegistry registry) {
            this.registry = registry;
        }

        @Override
        public <R> R observe(Fetch fetch, Function<Counts, R> work) {
            Counts counts = new Counts(fetch.levels());
            Observation observation = Observation.createNotStarted(NAME, registry)
                    .contextualName("fetch " + fetch.plan())
                    .lowCardinalityKeyValue(PLAN, fetch.plan())
                    .lowCardinalityKeyValue(STRATEGY, fetch.strategy())
                    .highCardinalityKeyValue(LEVELS, Integer.toString(fetch.levels()))
                    .start();
            try (Observation.Scope scope = observation.openScope()) {
                return work.apply(counts);
            } catch (RuntimeException | Error e) {
                observation.error(e);
                throw e;
            } finally {
                observation.highCardinalityKeyValue(STATEMENTS, Integer.toString(counts.statements()))
                        .highCardinalityKeyValue(ROWS, Long.toString(counts.rows()))
                        .highCardinalityKeyValue(ROWS_PER_LEVEL, counts.rowsByLevel())
                        .stop();
            }
        }
    }
}
