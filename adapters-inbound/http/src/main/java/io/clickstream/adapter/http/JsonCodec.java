package io.clickstream.adapter.http;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.xnio.IoUtils;

/**
 * JSON in and out of the adapter: strict reading (unknown fields, wrong types and trailing data are errors that
 * name the field) and ISO-8601 instants on the way out.
 */
final class JsonCodec {
    static final String JSON = "application/json";

    private final ObjectMapper mapper;

    JsonCodec() {
        JsonMapper m = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("scored-items").addSerializer(HttpDtos.ScoredItem.class, new ScoredItemWriter()))
                // Schubfach instead of the JDK's Double.toString: a response carries twenty scores, and formatting them
                // was the largest part of writing it (docs/PERFORMANCE.md, serving).
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // No request list holds nulls (explicit null fields are refused in parse()).
                .defaultSetterInfo(JsonSetter.Value.construct(Nulls.DEFAULT, Nulls.FAIL))
                .build();
        // "k": "10" or "items": [1, 2] is a client bug worth reporting, not guessing around.
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        this.mapper = m;
    }

    void send(HttpServerExchange exchange, int status, Object body) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
        if (exchange.isPersistent()) {
            exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
        } else {
            // Refused before its body was read: close once answered rather than drain a body nobody will use.
            exchange.getResponseSender().send(ByteBuffer.wrap(bytes), CLOSE_AFTER);
        }
    }

    /**
     * The items of every recommendation response, written field by field: the generic record serializer reads each
     * component by reflection, which cost more than the arithmetic that chose the items. Names are the record's own.
     */
    private static final class ScoredItemWriter extends StdSerializer<HttpDtos.ScoredItem> {
        private static final String ITEM_ID = HttpDtos.ScoredItem.class.getRecordComponents()[0].getName();
        private static final String SCORE = HttpDtos.ScoredItem.class.getRecordComponents()[1].getName();

        ScoredItemWriter() {
            super(HttpDtos.ScoredItem.class);
        }

        @Override
        public void serialize(HttpDtos.ScoredItem item, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField(ITEM_ID, item.itemId());
            gen.writeNumberField(SCORE, item.score());
            gen.writeEndObject();
        }
    }

    private static final IoCallback CLOSE_AFTER = new IoCallback() {
        @Override
        public void onComplete(HttpServerExchange exchange, Sender sender) {
            IoCallback.END_EXCHANGE.onComplete(exchange, sender);
            IoUtils.safeClose(exchange.getConnection());
        }

        @Override
        public void onException(HttpServerExchange exchange, Sender sender, IOException exception) {
            IoCallback.END_EXCHANGE.onException(exchange, sender, exception);
            IoUtils.safeClose(exchange.getConnection());
        }
    };

    /** Parses a request body into {@code type}; any problem is a 400 naming the field when there is one. */
    <T> T parse(byte[] body, Class<T> type) {
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new HttpProblem(ErrorCode.BAD_REQUEST, "the request body must be a JSON object, got "
                        + (tree == null ? "nothing" : tree.getNodeType().name().toLowerCase(Locale.ROOT)));
            }
            // No request field is nullable: an explicit null is refused by name, while an absent field stays absent.
            tree.fields().forEachRemaining(field -> {
                if (field.getValue().isNull()) {
                    throw new HttpProblem(ErrorCode.BAD_REQUEST, field.getKey() + ": must not be null", field.getKey());
                }
            });
            return mapper.treeToValue(tree, type);
        } catch (InvalidNullException e) {
            throw new HttpProblem(ErrorCode.BAD_REQUEST, path(e) + ": must not be null", topField(e));
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            throw new HttpProblem(ErrorCode.BAD_REQUEST, "unknown field '" + field + "' in the request body; known fields: "
                    + known(e.getKnownPropertyIds()), topField(e));
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw new HttpProblem(ErrorCode.BAD_REQUEST, "the request body must be a JSON object");
            }
            throw new HttpProblem(ErrorCode.BAD_REQUEST, field + ": must be " + describe(e.getTargetType()), topField(e));
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new HttpProblem(ErrorCode.BAD_REQUEST, "the request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String topField(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        return refs.isEmpty() ? null : refs.get(0).getFieldName();
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "none" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a JSON object";
    }
}
