package dev.fetchplan.spring;

import dev.fetchplan.QueryGuard;
import dev.fetchplan.QueryScope;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Runs each request in a guard scope of its own, named by method and path ({@code GET /users}): in STRICT mode a
 * request that loops a statement fails with NPlusOneException, in LOG mode the warning names the request. The scope
 * is the request thread's; work the request hands to other threads is not in it. A request served on a thread that is
 * already in a scope (MockMvc in a test method) still judges N+1 on its own, and its statements then count in that
 * scope too, so the test sees them.
 */
final class QueryScopeFilter implements Filter {

    private final QueryGuard guard;

    QueryScopeFilter(QueryGuard guard) {
        this.guard = guard;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        QueryScope scope = guard.open(name(request));
        try {
            chain.doFilter(request, response);
        } finally {
            scope.close();
        }
    }

    private static String name(ServletRequest request) {
        return request instanceof HttpServletRequest http ? http.getMethod() + " " + http.getRequestURI() : "request";
    }
}
