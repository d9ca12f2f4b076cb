package dev.fetchplan.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every connection handed out and where it was opened, so that a connection still open when a
 * test ends can be reported (with the stack that opened it) and closed. Thread-safe.
 */
final class ConnectionTracker {

    private final Map<Connection, Throwable> open = new ConcurrentHashMap<>();

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
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
