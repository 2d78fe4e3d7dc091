package io.caravan.platform;

import java.io.InputStream;
import java.io.OutputStream;

import io.caravan.platform.http.ApiException;
import io.caravan.platform.http.JsonRequest;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Reads a queue or stream message the way {@link JsonRequest} reads an HTTP body (a JSON object of
 * the type, its Bean Validation constraints met), but a message that breaks the rules is an
 * {@link UnreadableMessageException}: consumers dead-letter it without retries.
 * {@code .unmarshal(JsonMessage.of(MediaJob.class))}.
 */
public final class JsonMessage<T> extends ServiceSupport implements DataFormat {

    private final JsonRequest<T> reader;

    private JsonMessage(Class<T> type) {
        this.reader = JsonRequest.of(type).maxBytes(Integer.MAX_VALUE - 1);
    }

    public static <T> JsonMessage<T> of(Class<T> type) {
        return new JsonMessage<>(type);
    }

    @Override
    public Object unmarshal(Exchange exchange, Object body) throws Exception {
        try {
            return reader.unmarshal(exchange, body);
        } catch (ApiException e) {
            throw new UnreadableMessageException(e.getMessage());
        }
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        return unmarshal(exchange, (Object) stream);
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        Json.MAPPER.writeValue(stream, graph);
    }
}
