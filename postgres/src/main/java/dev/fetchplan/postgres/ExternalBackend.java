package dev.fetchplan.postgres;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server that runs without us, named by {@code FETCHPLAN_JDBC_URL}; we never stop it. */
final class ExternalBackend implements PostgresServer.Backend {

    // jdbc:postgresql://host[:port][,host2...]/database[?parameters]
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?");

    private final String serverPart;
    private final String database;
    private final String parameters;
    private final String user;
    private final String password;

    ExternalBackend(PostgresSettings settings) {
        String url = settings.jdbcUrl().orElseThrow();
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("FETCHPLAN_JDBC_URL is '" + url + "'; allowed: jdbc:postgresql://host[:port]/database[?parameters]");
        }
        this.serverPart = matcher.group(1);
        this.database = matcher.group(2) == null || matcher.group(2).isEmpty() ? "postgres" : matcher.group(2);
        this.parameters = matcher.group(3) == null ? "" : matcher.group(3);
        this.user = settings.user();
        this.password = settings.password();
    }

    @Override
    public String description() {
        return "external PostgreSQL at " + serverPart;
    }

    @Override
    public String defaultDatabase() {
        return database;
    }

    @Override
    public String jdbcUrl(String database) {
        return serverPart + "/" + database + parameters;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
