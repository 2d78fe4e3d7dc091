package io.caravan.platform.redisstream;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;

/** XADD of the body: a Map of fields, or the body as the one field named by the {@code field} option. */
class RedisStreamProducer extends DefaultProducer {

    private final RedisStreamEndpoint endpoint;
    private final XAddOptions options;

    RedisStreamProducer(RedisStreamEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        XAddOptions opts = XAddOptions.none();
        if (endpoint.getMaxLen() > 0) {
            opts = XAddOptions.maxlen(endpoint.getMaxLen()).approximateTrimming(endpoint.isApproximateTrimming());
        }
        this.options = opts;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        MapRecord<String, String, String> record = StreamRecords.newRecord()
                .in(endpoint.getKey()).ofMap(fields(in));
        RecordId id = endpoint.template().opsForStream().add(record, options);
        in.setHeader(RedisStreamConstants.STREAM_KEY, endpoint.getKey());
        in.setHeader(RedisStreamConstants.ENTRY_ID, id == null ? null : id.getValue());
    }

    private Map<String, String> fields(Message in) {
        Object body = in.getBody();
        if (body instanceof Map<?, ?> map && endpoint.getField() == null) {
            Map<String, String> fields = new LinkedHashMap<>();
            map.forEach((k, v) -> fields.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("redis-stream: an entry needs at least one field");
            }
            return fields;
        }
        if (endpoint.getField() == null) {
            throw new IllegalArgumentException("redis-stream: the body is not a Map; set the option field to name the one field it goes to");
        }
        String value = in.getBody(String.class);
        return Map.of(endpoint.getField(), value == null ? "" : value);
    }
}
