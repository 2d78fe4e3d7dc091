package io.caravan.platform.security;

import java.util.List;

/** Who made a request, from a verified access token: the user id (subject), email and roles. */
public record Caller(String userId, String email, String name, List<String> roles) {
}
