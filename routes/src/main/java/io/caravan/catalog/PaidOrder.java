package io.caravan.catalog;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** An {@code order_completed} event as the inventory reads it: a paid order whose stock is to be taken. */
public record PaidOrder(@NotBlank String eventId, @NotBlank String orderId, @NotEmpty @Valid List<Item> items) {

    public record Item(@NotBlank String productId, @NotNull @Min(1) Integer quantity) {
    }
}
