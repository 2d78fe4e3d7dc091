package io.caravan.platform.redisstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * XADD of the body: a Map of fields, or the body as the one field named by the {@code field} option;
 * trimmed to {@code maxLen}, exactly or approximately, or (with {@code keepUnconsumed}) exactly but
 * never past what a consumer group still needs.
 */
class RedisStreamProducer extends DefaultProducer {

    /**
     * XADD + trimming that spares what consumer groups still need (see the script). Its text, read once:
     * a script made from a Resource asks the class path whether the file changed on every call.
     */
    private static final RedisScript<String> XADD_KEEP_UNCONSUMED = RedisScript.of(script("redisstream/xadd-keep-unconsumed.lua"), String.class);

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
        Map<String, String> fields = fields(in);
        String id;
        if (endpoint.isKeepUnconsumed() && endpoint.getMaxLen() > 0) {
            List<String> args = new ArrayList<>(1 + 2 * fields.size());
            args.add(Long.toString(endpoint.getMaxLen()));
            fields.forEach((k, v) -> {
                args.add(k);
                args.add(v);
            });
            id = endpoint.template().execute(XADD_KEEP_UNCONSUMED, List.of(endpoint.getKey()), args.toArray());
        } else {
            MapRecord<String, String, String> record = StreamRecords.newRecord().in(endpoint.getKey()).ofMap(fields);
            RecordId recordId = endpoint.template().opsForStream().add(record, options);
            id = recordId == null ? null : recordId.getValue();
        }
        in.setHeader(RedisStreamConstants.STREAM_KEY, endpoint.getKey());
        in.setHeader(RedisStreamConstants.ENTRY_ID, id);
    }

    private static String script(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("redis-stream: cannot read " + path, e);
        }
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
