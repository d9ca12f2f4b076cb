package dev.fetchplan.example;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses — a request it refuses before the service sees it (414 URI too long, 431 headers too
 * large, 400 malformed) — as the service's JSON {@code {"error": "..."}}, not Jetty's HTML page.
 */
final class JsonErrors extends ErrorHandler {

    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        response.getHeaders().put(JSON);
        response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** The message says what was wrong and what is allowed; Jetty's reason text is not shown (it may echo input). */
    static String body(int status) {
        String error = switch (status) {
            case 414 -> "request URI too long; allowed: up to " + ExampleApp.MAX_REQUEST_HEADER_BYTES + " bytes of request line and headers";
            case 431 -> "request headers too large; allowed: up to " + ExampleApp.MAX_REQUEST_HEADER_BYTES + " bytes";
            default -> HttpStatus.getMessage(status);
        };
        return "{\"error\":\"" + error.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }
}
