package io.caravan.identity;

import java.util.regex.Pattern;

import io.caravan.platform.ApiException;

/** The bodies identity accepts, each checked field by field: a 400 names the field that is wrong. */
final class IdentityRequests {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private IdentityRequests() {
    }

    record Register(String name, String email, String password) {
        Register checked() {
            return new Register(text("name", name, 1, 100), IdentityRequests.email("email", email), IdentityRequests.password("password", password));
        }
    }

    record Login(String email, String password) {
        Login checked() {
            if (email == null || email.isBlank()) {
                throw ApiException.badRequest("email is required");
            }
            if (password == null || password.isEmpty()) {
                throw ApiException.badRequest("password is required");
            }
            return this;
        }
    }

    record Refresh(String refreshToken) {
        Refresh checked() {
            text("refreshToken", refreshToken, 1, 200);
            return this;
        }
    }

    /** Seed 004's profile fields; a field left out keeps its value. */
    record Profile(String bio, String shippingAddress, String pincode, String city, String country, String phoneNumber) {
        Profile checked() {
            optional("bio", bio, 1000);
            optional("shippingAddress", shippingAddress, 500);
            optional("city", city, 100);
            optional("country", country, 100);
            if (pincode != null && !pincode.matches("[A-Za-z0-9 -]{2,12}")) {
                throw ApiException.badRequest("pincode must be 2 to 12 letters, digits, spaces or dashes");
            }
            if (phoneNumber != null && !phoneNumber.matches("\\+?[0-9 ()-]{4,24}")) {
                throw ApiException.badRequest("phoneNumber must be 4 to 24 digits, optionally with +, spaces, dashes or parentheses");
            }
            return this;
        }
    }

    static String text(String field, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        String trimmed = value.trim();
        if (trimmed.length() < min || trimmed.length() > max) {
            throw ApiException.badRequest(field + " must be " + min + " to " + max + " characters");
        }
        return trimmed;
    }

    static void optional(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.badRequest(field + " must be at most " + max + " characters");
        }
    }

    static String email(String field, String value) {
        String email = text(field, value, 3, 254);
        if (!EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest(field + " is not a valid email address");
        }
        return email;
    }

    static String password(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest(field + " is required");
        }
        // bcrypt reads at most 72 bytes: a longer password would be silently cut
        if (value.length() < 8 || value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw ApiException.badRequest(field + " must be 8 to 72 bytes long");
        }
        return value;
    }
}
