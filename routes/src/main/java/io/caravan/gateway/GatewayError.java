package io.caravan.gateway;

/**
 * What a GraphQL client is told when a field cannot be resolved: a message in words
 * ({@code Not authenticated}, {@code Forbidden}, {@code create your profile first ...}) and its class.
 * Never a stack trace, never a Java name.
 */
public class GatewayError extends RuntimeException {

    /** The {@code extensions.classification} of the GraphQL error. */
    public enum Kind { NOT_AUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_REQUEST, UNAVAILABLE }

    private final Kind kind;

    public GatewayError(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static GatewayError notAuthenticated() {
        return new GatewayError(Kind.NOT_AUTHENTICATED, "Not authenticated");
    }

    public static GatewayError forbidden() {
        return new GatewayError(Kind.FORBIDDEN, "Forbidden");
    }
}
