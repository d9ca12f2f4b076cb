package dev.fetchplan.bench;

import java.util.List;

/** A benchmark scenario: how many users, and whether their posts' comments (with authors) are loaded too. */
record Scenario(String name, int users, boolean comments) {

    static final List<Scenario> FETCHING = List.of(
            new Scenario("20-posts", 20, false),
            new Scenario("20-comments", 20, true),
            new Scenario("100-comments", 100, true),
            new Scenario("1000-comments", 1000, true),
            new Scenario("10000-comments", 10_000, true));

    /** The scenarios whose time per root the report plots: the same tree for 20 to 10,000 users. */
    static final List<String> SCALING = List.of("20-comments", "100-comments", "1000-comments", "10000-comments");

    static final Scenario COUNTING = new Scenario("100-counts", 100, false);

    static Scenario named(String name) {
        if (COUNTING.name().equals(name)) {
            return COUNTING;
        }
        return FETCHING.stream().filter(scenario -> scenario.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("scenario is '" + name + "'; allowed: "
                        + FETCHING.stream().map(Scenario::name).toList() + " or " + COUNTING.name()));
    }

    /** One operation of this scenario with {@code contender}. */
    Object run(Contender contender) {
        if (this == COUNTING) {
            return contender.postCounts(users);
        }
        return comments ? contender.usersWithPostsAndComments(users) : contender.usersWithPosts(users);
    }
}
