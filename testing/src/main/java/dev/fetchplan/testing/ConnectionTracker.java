package dev.fetchplan.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Remembers every connection handed out and where it was opened, so that a connection still open when a
 * test ends can be reported (with the stack that opened it) and closed; and, while recording, the SQL of
 * every statement executed through those connections. Thread-safe.
 */
final class ConnectionTracker {

    private static final Set<String> EXECUTE_METHODS = Set.of(
            "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private final Map<Connection, Throwable> open = new ConcurrentHashMap<>();
    private volatile List<String> recording;

    /** Starts recording executed SQL into a fresh list, which is returned. */
    List<String> startRecording() {
        List<String> statements = new CopyOnWriteArrayList<>();
        recording = statements;
        return statements;
    }

    void stopRecording() {
        recording = null;
    }

    Connection track(Connection connection) {
        Throwable openedAt = new Throwable("connection opened here");
        Connection proxy = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, new Handler(connection));
        open.put(proxy, openedAt);
        return proxy;
    }

    int openCount() {
        return open.size();
    }

    /**
     * Closes every connection still open and returns a description of where each was opened, or an empty
     * list when none leaked.
     */
    List<String> closeLeaked() {
        List<String> leaks = open.entrySet().stream().map(entry -> stackOf(entry.getValue())).toList();
        for (Connection connection : List.copyOf(open.keySet())) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already broken; it is being discarded anyway.
            }
        }
        return leaks;
    }

    private static String stackOf(Throwable openedAt) {
        StringWriter text = new StringWriter();
        openedAt.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private final class Handler implements InvocationHandler {
        private final Connection target;

        Handler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> open.remove(proxy);
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "unwrap" -> {
                    if (((Class<?>) args[0]).isInstance(target)) {
                        return target;
                    }
                }
                default -> {
                    // Everything else is the real connection's business.
                }
            }
            Object result = invokeOn(target, method, args);
            if (result instanceof Statement statement && method.getName().startsWith("prepare")) {
                return recordingProxy(statement, (String) args[0]);
            }
            if (result instanceof Statement statement) {
                return recordingProxy(statement, null);
            }
            return result;
        }
    }

    /** A statement that adds its SQL to the recording, if one is running, each time it is executed. */
    private Statement recordingProxy(Statement target, String preparedSql) {
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), statementInterfaces(target), (proxy, method, args) -> {
            List<String> statements = recording;
            if (statements != null && EXECUTE_METHODS.contains(method.getName())) {
                statements.add(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql);
            }
            return invokeOn(target, method, args);
        });
    }

    private static Class<?>[] statementInterfaces(Statement target) {
        if (target instanceof CallableStatement) {
            return new Class<?>[] {CallableStatement.class};
        }
        if (target instanceof PreparedStatement) {
            return new Class<?>[] {PreparedStatement.class};
        }
        return new Class<?>[] {Statement.class};
    }

    private static Object invokeOn(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
