package io.caravan.platform.http;

import org.apache.camel.Header;

/**
 * A page of a list, from seed 000's {@code ?page=1&limit=100}: pages count from 1, a limit is 1 to
 * {@value #MAX_LIMIT}; no parameter means the first {@value #DEFAULT_LIMIT}. Anything else is 422
 * naming the parameter.
 */
public record Paging(int page, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** For a route: {@code .setVariable("paging", method(Paging.class, "of"))} reads the query parameters. */
    public static Paging of(@Header("page") String page, @Header("limit") String limit) {
        return new Paging(number("page", page, 1, 1, 1_000_000), number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    /** Rows to skip. */
    public long offset() {
        return (long) (page - 1) * limit;
    }

    private static int number(String name, String value, int otherwise, int min, int max) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(name + ": must be an integer from " + min + " to " + max);
    }
}
