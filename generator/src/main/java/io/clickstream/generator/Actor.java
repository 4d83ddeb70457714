package io.clickstream.generator;

import java.util.List;

/**
 * One client's visit, fully planned: a shopper's session, a crawler's pass, a scraper's burst, a health check or a
 * scanner. The generator interleaves actors by the time of their next step, as a web server would log them.
 */
final class Actor {
    enum Type { SHOPPER, CRAWLER, HIGH_RATE_BOT, HEALTH_CHECK, SCANNER }

    final long id;
    final Type type;
    final String address;
    final int user;            // -1 when anonymous
    final String userId;       // null when anonymous
    final String agent;
    final String sessionId;    // null for clients without a session cookie
    final LogFormat format;
    final String protocol;
    private final List<Step> steps;
    private int accessLines;
    private long startMs;
    private long nextTimeMs;
    private int cursor;
    /** Set once a well-formed line of this actor carried its session cookie or user id. */
    boolean sessionSeen;
    boolean userSeen;

    Actor(long id, Type type, String address, int user, String userId, String agent, String sessionId,
          LogFormat format, String protocol, List<Step> steps) {
        this.id = id;
        this.type = type;
        this.address = address;
        this.user = user;
        this.userId = userId;
        this.agent = agent;
        this.sessionId = sessionId;
        this.format = format;
        this.protocol = protocol;
        this.steps = steps;
        this.accessLines = (int) steps.stream().filter(s -> s.kind().isAccessLine()).count();
    }

    boolean isBot() {
        return type == Type.CRAWLER || type == Type.HIGH_RATE_BOT;
    }

    int accessLines() {
        return accessLines;
    }

    /** Drops every step after the given number of access lines (the last actor fills the line budget exactly). */
    void keepAccessLines(int lines) {
        int seen = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).kind().isAccessLine() && ++seen > lines) {
                steps.subList(i, steps.size()).clear();
                break;
            }
        }
        accessLines = Math.min(accessLines, lines);
    }

    void startAt(long startMs) {
        this.startMs = startMs;
        updateNextTime();
    }

    boolean hasNext() {
        return cursor < steps.size();
    }

    /** Valid while {@link #hasNext()}; cached because the priority queue asks for it on every comparison. */
    long nextTimeMs() {
        return nextTimeMs;
    }

    Step next() {
        Step step = steps.get(cursor++);
        updateNextTime();
        return step;
    }

    private void updateNextTime() {
        if (cursor < steps.size()) {
            nextTimeMs = startMs + Math.min(steps.get(cursor).offsetMs(), TrafficPlanner.MAX_VISIT_MS);
        }
    }
}
