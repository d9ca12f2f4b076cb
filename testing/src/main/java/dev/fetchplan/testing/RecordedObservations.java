package dev.fetchplan.testing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link ObservationRegistry} that keeps the context of every observation stopped in it, in order. Thread-safe. */
public final class RecordedObservations implements ObservationHandler<Observation.Context> {

    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    private final ObservationRegistry registry = ObservationRegistry.create();

    public RecordedObservations() {
        registry.observationConfig().observationHandler(this);
    }

    public ObservationRegistry registry() {
        return registry;
    }

    /** The observations stopped so far, oldest first. */
    public List<Observation.Context> stopped() {
        return List.copyOf(stopped);
    }

    /** The value of {@code key} on {@code context}, low or high cardinality; null if it has none. */
    public static String value(Observation.Context context, String key) {
        var low = context.getLowCardinalityKeyValue(key);
        if (low != null) {
            return low.getValue();
        }
        var high = context.getHighCardinalityKeyValue(key);
        return high != null ? high.getValue() : null;
    }

    @Override
    public void onStop(Observation.Context context) {
        stopped.add(context);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return true;
    }
}
