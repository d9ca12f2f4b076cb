package dev.fetchplan.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Counts the statements every contender executes at the JDBC level — the one level jOOQ, Hibernate and plain
 * JDBC all go through — by wrapping the connections a data source hands out. Thread-safe.
 */
final class StatementCounter {

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private final AtomicInteger executed = new AtomicInteger();

    int reset() {
        return executed.getAndSet(0);
    }

    /** {@code target} with every statement of every connection counted. */
    DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection connection ? wrap(connection, Connection.class) : result;
                });
    }

    private Object wrap(Object target, Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (EXECUTE.contains(method.getName())) {
                executed.incrementAndGet();
            }
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return invoke(target, method, args);
            }
            Object result = invoke(target, method, args);
            if (result instanceof CallableStatement statement) {
                return wrap(statement, CallableStatement.class);
            }
            if (result instanceof PreparedStatement statement) {
                return wrap(statement, PreparedStatement.class);
            }
            if (result instanceof Statement statement && type == Connection.class) {
                return wrap(statement, Statement.class);
            }
            return result;
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
