package io.caravan.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.Json;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/** The SQL parameters of the inventory's step of the saga ({@code catalog/take-stock.sql}): the order, its items, the streams. */
@Component
@ConditionalOnService(CaravanService.CATALOG)
public class Inventory {

    private final CatalogProperties.Streams streams;

    Inventory(CatalogProperties properties) {
        this.streams = properties.streams();
    }

    public Map<String, Object> takeStock(@Variable("order") PaidOrder order) throws JsonProcessingException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("eventId", order.eventId());
        params.put("orderId", order.orderId());
        params.put("items", Json.MAPPER.writeValueAsString(order.items()));
        params.put("stockTakenStream", streams.stockTaken());
        params.put("refundStream", streams.refundOrder());
        params.put("productsStream", streams.products());
        return params;
    }
}
