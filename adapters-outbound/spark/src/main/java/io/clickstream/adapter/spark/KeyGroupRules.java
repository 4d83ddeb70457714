package io.clickstream.adapter.spark;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The traffic rules applied to one group of rows in one sorted pass: the rows of a batch that share a group key (their
 * session id when the source gave one, else their session key: user, else client, else event id), beside the earlier
 * inferred sessions of the same key, sorted by event time and event id. Decides each batch row's fate (duplicate, as
 * marked before the shuffle; bot by agent; bot by rate; staged) and its session; a session that must be named by a
 * hash is returned with the start of its visit and its key, for Spark to hash as before ({@link TrafficRules#decide}).
 */
final class KeyGroupRules implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final String GIVEN = "s:";
    private static final long MINUTE_MILLIS = 60_000;

    private final long sessionGapSeconds;
    private final int maxEventsPerMinute;
    private final int[] copied;
    private final int key;
    private final int time;
    private final int id;
    private final int inBatch;
    private final int known;
    private final int duplicate;
    private final int botAgent;
    private final int session;
    private final int sessionOut;

    /**
     * @param in     the sorted timeline: batch rows (valid columns plus {@code group_key}, {@code duplicate},
     *               {@code in_batch}, {@code bot_agent}) and earlier rows ({@code known_session}, {@code in_batch}
     *               false)
     * @param valid  the columns of a batch row, copied to the output in this order before the decided ones
     */
    KeyGroupRules(StructType in, StructType valid, long sessionGapSeconds, int maxEventsPerMinute) {
        this.sessionGapSeconds = sessionGapSeconds;
        this.maxEventsPerMinute = maxEventsPerMinute;
        String[] names = valid.fieldNames();
        this.copied = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            copied[i] = in.fieldIndex(names[i]);
        }
        this.key = in.fieldIndex(TrafficRules.GROUP_KEY);
        this.time = in.fieldIndex("event_time");
        this.id = in.fieldIndex("event_id");
        this.inBatch = in.fieldIndex("in_batch");
        this.known = in.fieldIndex("known_session");
        this.duplicate = in.fieldIndex(TrafficRules.DUPLICATE);
        this.botAgent = in.fieldIndex("bot_agent");
        this.session = in.fieldIndex("session_id");
        this.sessionOut = valid.fieldIndex("session_id");
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private Row next = rows.hasNext() ? rows.next() : null;
            private Iterator<Row> decided = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!decided.hasNext() && next != null) {
                    List<Row> group = new ArrayList<>();
                    String groupKey = next.getString(key);
                    while (next != null && next.getString(key).equals(groupKey)) {
                        group.add(next);
                        next = rows.hasNext() ? rows.next() : null;
                    }
                    decided = decide(groupKey, group).iterator();
                }
                return decided.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return decided.next();
            }
        };
    }

    private List<Row> decide(String groupKey, List<Row> group) {
        int n = group.size();
        String[] fate = new String[n];
        for (int i = 0; i < n; i++) {
            Row r = group.get(i);
            if (!isBatch(r)) {
                continue;
            }
            if (r.getBoolean(duplicate)) {
                fate[i] = TrafficRules.DUPLICATE;
            } else if (r.getBoolean(botAgent)) {
                fate[i] = TrafficRules.BOT_USER_AGENT;
            }
        }
        String[] sessionId = new String[n];
        Object[] visitStart = new Object[n];
        // which session each candidate belongs to, for the rate check: the given id, a continued id, or a new visit
        String[] identity = new String[n];
        boolean given = groupKey.startsWith(GIVEN);
        if (given) {
            for (int i = 0; i < n; i++) {
                if (isBatch(group.get(i)) && fate[i] == null) {
                    sessionId[i] = group.get(i).getString(session);
                    identity[i] = "";
                }
            }
        } else {
            inferSessions(group, fate, sessionId, visitStart, identity);
        }
        Map<String, Long> peaks = peaks(group, fate, identity);
        String sessionKey = given ? null : groupKey.substring(2);
        List<Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Row r = group.get(i);
            if (!isBatch(r)) {
                continue;
            }
            Object[] values = new Object[copied.length + 4];
            for (int c = 0; c < copied.length; c++) {
                values[c] = r.get(copied[c]);
            }
            if (fate[i] == null) {
                fate[i] = peaks.get(identity[i]) > maxEventsPerMinute ? TrafficRules.BOT_RATE : TrafficRules.STAGED;
                values[sessionOut] = sessionId[i];
                values[copied.length + 1] = !given;
                values[copied.length + 2] = visitStart[i];
                values[copied.length + 3] = visitStart[i] == null ? null : sessionKey;
            }
            values[copied.length] = fate[i];
            out.add(RowFactory.create(values));
        }
        return out;
    }

    /**
     * Sessions by inactivity over the timeline of batch candidates and earlier rows (sorted by time and id): a gap of
     * more than the session gap starts a visit; a visit continues the first (smallest) earlier session it holds, else
     * it is named by Spark from its start and the key.
     */
    private void inferSessions(List<Row> group, String[] fate, String[] sessionId, Object[] visitStart,
                               String[] identity) {
        int n = group.size();
        int[] visitOf = new int[n];
        List<String> knownOfVisit = new ArrayList<>();
        List<Object> startOfVisit = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        int visit = -1;
        for (int i = 0; i < n; i++) {
            Row r = group.get(i);
            if (isBatch(r) && fate[i] != null) {
                visitOf[i] = -1;
                continue;
            }
            long seconds = instant(r.get(time)).getEpochSecond();
            if (visit < 0 || seconds - previous > sessionGapSeconds) {
                visit++;
                knownOfVisit.add(null);
                startOfVisit.add(r.get(time));
            }
            previous = seconds;
            visitOf[i] = visit;
            if (!isBatch(r)) {
                String k = r.getString(known);
                String current = knownOfVisit.get(visit);
                if (k != null && (current == null || k.compareTo(current) < 0)) {
                    knownOfVisit.set(visit, k);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!isBatch(group.get(i)) || fate[i] != null) {
                continue;
            }
            String k = knownOfVisit.get(visitOf[i]);
            sessionId[i] = k;
            visitStart[i] = k == null ? startOfVisit.get(visitOf[i]) : null;
            identity[i] = k != null ? "k" + k : "v" + visitOf[i];
        }
    }

    /** Per session: the most batch candidates within any minute ({@code [t - 59,999 ms, t]}). */
    private Map<String, Long> peaks(List<Row> group, String[] fate, String[] identity) {
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        for (int i = 0; i < group.size(); i++) {
            if (identity[i] != null && fate[i] == null) {
                millis.computeIfAbsent(identity[i], s -> new ArrayList<>()).add(millis(group.get(i).get(time)));
            }
        }
        Map<String, Long> peaks = new HashMap<>();
        for (Map.Entry<String, List<Long>> e : millis.entrySet()) {
            List<Long> t = e.getValue();
            t.sort(null);
            long peak = 0;
            int from = 0;
            for (int to = 0; to < t.size(); to++) {
                if (to + 1 < t.size() && t.get(to + 1).equals(t.get(to))) {
                    continue; // peers count together: the window ends at the last row of the same millisecond
                }
                while (t.get(from) < t.get(to) - (MINUTE_MILLIS - 1)) {
                    from++;
                }
                peak = Math.max(peak, to - from + 1);
            }
            peaks.put(e.getKey(), peak);
        }
        return peaks;
    }

    private boolean isBatch(Row r) {
        return r.getBoolean(inBatch);
    }

    private static Instant instant(Object t) {
        return t instanceof Timestamp ts ? ts.toInstant() : (Instant) t;
    }

    private static long millis(Object t) {
        Instant i = instant(t);
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1000L), i.getNano() / 1_000_000);
    }
}
