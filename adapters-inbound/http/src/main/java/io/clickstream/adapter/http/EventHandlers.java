package io.clickstream.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.adapter.http.HttpDtos.EventBatchRequest;
import io.clickstream.adapter.http.HttpDtos.EventRejection;
import io.clickstream.adapter.http.HttpDtos.EventsAccepted;
import io.clickstream.application.port.in.RecordEventsUseCase.EventsReceipt;
import io.clickstream.application.port.in.RecordEventsUseCase.Rejection;
import io.clickstream.application.port.in.RecordEventsUseCase.SubmittedEvent;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/events}: a batch of the shop's events, each judged on its own. The shape of each event (an
 * object of known fields with text values) is checked here, its meaning by the use case; both kinds of rejection are
 * answered together, by index, in a 202 that counts the accepted ones.
 */
final class EventHandlers {
    private static final Set<String> FIELDS = Set.of("eventId", "type", "userId", "sessionId", "itemId", "query", "time");

    private final EventIntake intake;
    private final JsonCodec json;
    private final RequestBodies bodies;

    EventHandlers(EventIntake intake, JsonCodec json, RequestBodies bodies) {
        this.intake = intake;
        this.json = json;
        this.bodies = bodies;
    }

    void record(HttpServerExchange exchange) {
        EventBatchRequest body = bodies.read(exchange, EventBatchRequest.class)
                .orElseThrow(() -> new HttpProblem(ErrorCode.BAD_REQUEST,
                        "events: a JSON body {\"events\": [{\"type\": \"view\", \"userId\": \"…\", \"itemId\": \"…\"}]} "
                                + "is required", "events"));
        List<JsonNode> events = body.events();
        if (events == null || events.isEmpty()) {
            throw new HttpProblem(ErrorCode.BAD_REQUEST, "events: must hold at least one event", "events");
        }
        if (events.size() > intake.maxBatch()) {
            throw new HttpProblem(ErrorCode.PAYLOAD_TOO_LARGE, "events: a request carries at most " + intake.maxBatch()
                    + " events (events.batch.max), got " + events.size() + "; split the batch", "events");
        }
        List<SubmittedEvent> wellFormed = new ArrayList<>(events.size());
        List<Integer> indexOf = new ArrayList<>(events.size());
        List<EventRejection> rejected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                wellFormed.add(submitted(events.get(i)));
                indexOf.add(i);
            } catch (IllegalArgumentException e) {
                rejected.add(new EventRejection(i, e.getMessage()));
            }
        }
        int accepted = 0;
        if (!wellFormed.isEmpty()) {
            EventsReceipt receipt = intake.events().record(wellFormed);
            accepted = receipt.accepted();
            for (Rejection r : receipt.rejected()) {
                rejected.add(new EventRejection(indexOf.get(r.index()), r.reason()));
            }
        }
        rejected.sort(Comparator.comparingInt(EventRejection::index));
        json.send(exchange, 202, new EventsAccepted(accepted, rejected));
    }

    /** An event's fields as text: strings as they are, whole numbers as written (numeric user ids), null as absent. */
    private static SubmittedEvent submitted(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("an event must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = event.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!FIELDS.contains(field.getKey())) {
                throw new IllegalArgumentException("unknown field '" + cut(field.getKey()) + "'; known fields: "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
            JsonNode value = field.getValue();
            if (!value.isNull() && !value.isTextual() && !value.isIntegralNumber()) {
                throw new IllegalArgumentException(field.getKey() + " must be a string");
            }
        }
        return new SubmittedEvent(text(event, "eventId"), text(event, "type"), text(event, "userId"),
                text(event, "sessionId"), text(event, "itemId"), text(event, "query"), text(event, "time"),
                event.toString());
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String cut(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }
}
