package io.clickstream.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.adapter.http.HttpDtos.EventBatchRequest;
import io.clickstream.adapter.http.HttpDtos.EventRejection;
import io.clickstream.adapter.http.HttpDtos.EventsAccepted;
import io.clickstream.application.port.in.RecordEventsUseCase.EventsReceipt;
import io.clickstream.application.port.in.RecordEventsUseCase.Rejection;
import io.clickstream.application.port.in.RecordEventsUseCase.SubmittedEvent;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /api/v1/events}: a batch of the shop's events, each judged on its own. The shape of each event (an
 * object of known fields with text values) is checked here, its meaning by the use case; both kinds of rejection are
 * answered together, by index, in a 202 that counts the accepted ones.
 *
 * <p>Threads: everything runs on the I/O thread that received the body, and no thread waits for the journal's sync:
 * the answer is written, on that I/O thread again, when the use case's receipt completes. A worker blocked on the sync
 * capped the requests in flight at the worker pool's size; and an exchange that ends on a worker makes Undertow's I/O
 * thread spin while the worker finishes it (the next request of the connection arrives at once), which on two cores
 * took 40 % of this endpoint's CPU.
 */
final class EventHandlers {
    private static final Set<String> FIELDS = Set.of("eventId", "type", "userId", "sessionId", "itemId", "query", "time");

    private final EventIntake intake;
    private final JsonCodec json;
    private final RequestBodies bodies;
    private final ErrorResponses errors;

    EventHandlers(EventIntake intake, JsonCodec json, RequestBodies bodies, ErrorResponses errors) {
        this.intake = intake;
        this.json = json;
        this.bodies = bodies;
        this.errors = errors;
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
        if (wellFormed.isEmpty()) {
            json.send(exchange, 202, new EventsAccepted(0, rejected));
            return;
        }
        CompletableFuture<EventsReceipt> durable = intake.events().record(wellFormed);
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> durable.whenComplete((receipt, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                answerOnIoThread(exchange, ex -> {
                    throw cause instanceof Exception e ? e : new IllegalStateException(cause);
                });
                return;
            }
            for (Rejection r : receipt.rejected()) {
                rejected.add(new EventRejection(indexOf.get(r.index()), r.reason()));
            }
            rejected.sort(Comparator.comparingInt(EventRejection::index));
            EventsAccepted answer = new EventsAccepted(receipt.accepted(), rejected);
            answerOnIoThread(exchange, ex -> json.send(ex, 202, answer));
        }));
    }

    /** Writes the answer (or the error envelope of what {@code answer} throws) on the exchange's I/O thread. */
    private void answerOnIoThread(HttpServerExchange exchange, HttpHandler answer) {
        exchange.getIoThread().execute(() -> {
            try {
                errors.guard(answer).handleRequest(exchange);
            } catch (Exception e) {
                exchange.endExchange(); // the guard answers every exception; this is the last resort
            }
        });
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
