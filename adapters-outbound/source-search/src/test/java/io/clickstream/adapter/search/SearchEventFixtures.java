package io.clickstream.adapter.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Search events shaped like the generator's JSON lines, reproducible from a seed: random ids (so id order differs
 * from time order), runs of events sharing one timestamp, searches and result clicks, anonymous users.
 */
final class SearchEventFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] QUERIES = {"red shoes", "running shoes", "rain jacket", "wool socks",
        "laptop bag", "usb-c cable", "coffee grinder", "yoga mat", "desk lamp", "water bottle"};

    private SearchEventFixtures() {
    }

    /** {@code n} events from {@code start} on, in time order; one to six events share each timestamp. */
    static List<ObjectNode> generate(int n, long seed, Instant start) {
        Random random = new Random(seed);
        Set<String> ids = new HashSet<>();
        List<ObjectNode> events = new ArrayList<>(n);
        Instant ts = start;
        int leftAtThisTime = 0;
        while (events.size() < n) {
            if (leftAtThisTime == 0) {
                ts = ts.plusMillis(1 + random.nextInt(1500));
                leftAtThisTime = 1 + random.nextInt(6);
            }
            leftAtThisTime--;
            String id;
            do {
                id = String.format("ev-%08x", random.nextInt());
            } while (!ids.add(id));
            events.add(event(id, ts, random));
        }
        return events;
    }

    private static ObjectNode event(String id, Instant ts, Random random) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id);
        e.put("timestamp", ts.toString());
        boolean click = random.nextInt(100) < 35;
        e.put("event", click ? "click" : "search");
        e.put("query", QUERIES[random.nextInt(QUERIES.length)]);
        if (random.nextInt(100) < 30) {
            e.putNull("user_id");
        } else {
            e.put("user_id", "u" + random.nextInt(500));
        }
        e.put("session_id", String.format("s-%04x", random.nextInt(0x10000)));
        if (click) {
            e.put("item_id", "i" + (1000 + random.nextInt(4000)));
            e.put("position", 1 + random.nextInt(20));
        }
        return e;
    }

    /** One event with the given fields (null values are left out). */
    static ObjectNode doc(Map<String, Object> fields) {
        ObjectNode e = JSON.createObjectNode();
        fields.forEach((k, v) -> e.set(k, JSON.valueToTree(v)));
        return e;
    }

    /** A copy without null-valued fields: Solr does not keep them, so raw records are compared without them. */
    static ObjectNode withoutNulls(JsonNode doc) {
        ObjectNode copy = doc.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = copy.fields(); it.hasNext(); ) {
            if (it.next().getValue().isNull()) {
                it.remove();
            }
        }
        return copy;
    }
}
