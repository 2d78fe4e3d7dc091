package io.caravan.orders;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.Json;
import org.springframework.stereotype.Component;

/**
 * The events of a new order, as outbox rows {@code [{"eventId","stream","event"}]}: {@code order_placed}
 * for the payment step, and {@code order_changed} on {@code order_events}, which caches and the gateway
 * watch. (The saga's steps write theirs in {@code orders/transition.sql}.)
 */
@Component
@ConditionalOnService(CaravanService.ORDERS)
public class OrderEvents {

    private final OrdersProperties.Streams streams;

    OrderEvents(OrdersProperties properties) {
        this.streams = properties.streams();
    }

    /** A new order: {@code order_placed} with its items and prices, and the change. */
    public String placed(String orderId, String userId, BigDecimal total, List<Map<String, Object>> items) throws JsonProcessingException {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Map<String, Object> item : items) {
            lines.add(Map.of("productId", item.get("productId"), "quantity", item.get("quantity"), "price", item.get("price")));
        }
        Map<String, Object> placed = event("order_placed", orderId, userId);
        placed.put("total", total);
        placed.put("items", lines);
        return rows(row(streams.orderPlaced(), placed), changed(orderId, userId, "pending"));
    }

    private Map<String, Object> changed(String orderId, String userId, String status) {
        Map<String, Object> changed = event("order_changed", orderId, userId);
        if (status != null) {
            changed.put("status", status);
        }
        return row(streams.orderEvents(), changed);
    }

    private static Map<String, Object> event(String type, String orderId, String userId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", type);
        event.put("orderId", orderId);
        event.put("userId", userId);
        return event;
    }

    private static Map<String, Object> row(String stream, Map<String, Object> event) {
        return Map.of("eventId", event.get("eventId"), "stream", stream, "event", event);
    }

    @SafeVarargs
    private static String rows(Map<String, Object>... rows) throws JsonProcessingException {
        return Json.MAPPER.writeValueAsString(List.of(rows));
    }
}
