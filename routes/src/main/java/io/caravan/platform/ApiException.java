package io.caravan.platform;

/**
 * A client-facing failure with its HTTP status: thrown anywhere in an HTTP route, it is answered by
 * the shared {@code http-api} error handling as {@code {"status","title","description"}}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;

    public ApiException(int status, String title, String description) {
        super(description);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static ApiException badRequest(String description) {
        return new ApiException(400, "Bad Request", description);
    }

    public static ApiException unauthorized(String description) {
        return new ApiException(401, "Unauthorized", description);
    }

    public static ApiException notFound(String description) {
        return new ApiException(404, "Not Found", description);
    }

    public static ApiException conflict(String description) {
        return new ApiException(409, "Conflict", description);
    }
}
