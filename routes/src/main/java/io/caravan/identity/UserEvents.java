package io.caravan.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Body;

/**
 * The user events identity publishes, in seed 004's envelope {@code {"eventType", "eventData"}} plus an
 * {@code eventId} (consumers recognise a redelivery by it): {@code user_registered} ({@code id, name,
 * email}) and {@code user_profile_updated} (the whole profile, {@code pincode} included, which 004
 * forgot, and its {@code updatedAt}, so a consumer can tell an old profile from a new one).
 */
final class UserEvents {

    static final String REGISTERED = "user_registered";
    static final String PROFILE_UPDATED = "user_profile_updated";

    private UserEvents() {
    }

    public static Map<String, Object> registered(@Body Map<String, Object> user) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", user.get("id"));
        data.put("name", user.get("name"));
        data.put("email", user.get("email"));
        return envelope(REGISTERED, data);
    }

    public static Map<String, Object> profileUpdated(@Body Map<String, Object> profile) {
        return envelope(PROFILE_UPDATED, profile);
    }

    private static Map<String, Object> envelope(String type, Map<String, Object> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", java.util.UUID.randomUUID().toString());
        envelope.put("eventType", type);
        envelope.put("eventData", data);
        return envelope;
    }
}
