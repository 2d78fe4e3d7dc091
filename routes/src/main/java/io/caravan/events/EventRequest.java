package io.caravan.events;

/** The body of {@code POST /event}: {@code {"description": "<string>"}}; other fields are ignored. */
public record EventRequest(String description) {
}
