package io.caravan.platform.security;

import java.util.List;

/** Who made a request, from a verified access token: the user id (subject), email, name and roles. */
public record Caller(String userId, String email, String name, List<String> roles) {

    public static final String ADMIN = "admin";

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(ADMIN);
    }
}
