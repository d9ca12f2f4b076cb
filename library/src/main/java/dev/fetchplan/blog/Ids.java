package dev.fetchplan.blog;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** The check every id list gets: ids are positive and present. */
final class Ids {

    private Ids() {
    }

    /** The ids as an unmodifiable list, or an IllegalArgumentException naming {@code parameter} and the bad id. */
    static List<Long> check(Collection<Long> ids, String parameter) {
        Objects.requireNonNull(ids, parameter);
        for (Long id : ids) {
            if (id == null || id < 1) {
                throw new IllegalArgumentException(parameter + " contains " + id + "; allowed: positive ids");
            }
        }
        return List.copyOf(ids);
    }
}
