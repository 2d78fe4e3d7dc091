package io.caravan.orders;

import jakarta.validation.constraints.NotBlank;

/**
 * An event of the order saga as the orders service reads it ({@code order_placed}, {@code stock_taken},
 * {@code refund_order}): which event, which order, and why (refunds). Other fields are ignored.
 */
public record SagaEvent(@NotBlank String eventId, @NotBlank String type, @NotBlank String orderId, String reason) {
}
