package io.caravan.orders;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Identity's {@code user_registered} / {@code user_profile_updated} event (seed 004's envelope), as
 * orders reads it: the user and, for a profile, the shipping details and the profile's version.
 */
public record UserEvent(@NotBlank String eventId, @NotBlank String eventType, @Valid @NotNull Data eventData) {

    /** {@code id} (registered) or {@code userId} (profile); the shipping fields of a profile. */
    public record Data(String id, String userId, String name, String email, String shippingAddress, String pincode,
                       String city, String country, String phoneNumber, String updatedAt) {

        public String user() {
            return userId != null ? userId : id;
        }

        @jakarta.validation.constraints.AssertTrue(message = "the event names no user")
        public boolean isAboutAUser() {
            return user() != null && !user().isBlank();
        }
    }
}
