package io.caravan.identity;

import io.caravan.platform.http.MaxUtf8Bytes;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The bodies identity accepts, read by the platform's {@code JsonRequest}: a body that is not a JSON
 * object is 400, a field that breaks a constraint here is 422 naming the field.
 */
final class IdentityRequests {

    /** An address with one @, a dot in the domain, no spaces. */
    static final String EMAIL = "^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$";

    private IdentityRequests() {
    }

    record Register(
            @NotBlank(message = "is required") @Size(max = 100) String name,
            @NotBlank(message = "is required") @Size(max = 254) @Pattern(regexp = EMAIL, message = "is not a valid email address") String email,
            // bcrypt reads at most 72 bytes: a longer password would be silently cut
            @NotEmpty(message = "is required") @Size(min = 8, message = "must be at least 8 characters long") @MaxUtf8Bytes(72) String password) {
    }

    record Login(@NotBlank(message = "is required") @Size(max = 254) String email,
                 @NotEmpty(message = "is required") @Size(max = 1024) String password) {
    }

    record Refresh(@NotBlank(message = "is required") @Size(max = 200) String refreshToken) {
    }

    /** Seed 004's profile fields; a field left out keeps its value. */
    record Profile(
            @Size(max = 1000) String bio,
            @Size(max = 500) String shippingAddress,
            @Pattern(regexp = "[A-Za-z0-9 -]{2,12}", message = "must be 2 to 12 letters, digits, spaces or dashes") String pincode,
            @Size(max = 100) String city,
            @Size(max = 100) String country,
            @Pattern(regexp = "\\+?[0-9 ()-]{4,24}", message = "must be 4 to 24 digits, optionally with +, spaces, dashes or parentheses")
            String phoneNumber) {
    }
}
