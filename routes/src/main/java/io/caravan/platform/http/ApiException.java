package io.caravan.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client-facing failure with its HTTP status: thrown anywhere in an HTTP route (or given to
 * {@code .throwException(...)}), it is answered by the shared {@code http-api} route configuration
 * as {@code {"status","title","description"}}. The description is written for the client: never a
 * Java type, a library name or a stack trace.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, String> headers;

    public ApiException(int status, String title, String description) {
        this(status, title, description, Map.of());
    }

    private ApiException(int status, String title, String description, Map<String, String> headers) {
        super(description, null, false, false); // a refusal, not a bug: no stack trace to fill in
        this.status = status;
        this.title = title;
        this.headers = headers;
    }

    /** The same refusal with a response header, e.g. {@code Content-Range} on a 416. */
    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiException(status, title, getMessage(), Map.copyOf(more));
    }

    /** Response headers that go with the error body. */
    public Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The ApiException {@code thrown} is or was caused by (Camel wraps what a bean expression throws), or null. */
    public static ApiException within(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }

    /** 400: the body (or a parameter) cannot be read at all. */
    public static ApiException badRequest(String description) {
        return new ApiException(400, "Bad Request", description);
    }

    public static ApiException unauthorized(String description) {
        return new ApiException(401, "Unauthorized", description);
    }

    public static ApiException forbidden(String description) {
        return new ApiException(403, "Forbidden", description);
    }

    public static ApiException notFound(String description) {
        return new ApiException(404, "Not Found", description);
    }

    public static ApiException conflict(String description) {
        return new ApiException(409, "Conflict", description);
    }

    public static ApiException payloadTooLarge(String description) {
        return new ApiException(413, "Payload Too Large", description);
    }

    /** 422: the body was read, but a field is missing or invalid; the description names the field. */
    public static ApiException invalid(String description) {
        return new ApiException(422, "Unprocessable Entity", description);
    }

    public static ApiException unavailable(String description) {
        return new ApiException(503, "Service Unavailable", description);
    }
}
