package io.clickstream.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One time-ordered sequence of item interactions (a session, or a known user's history): the unit of training
 * and evaluation. Written by the training-data preparation as one line of a {@code .tsv} file and read back by
 * the trainer, so the line format below is the contract between the two:
 *
 * <pre>{@code <sequenceId> TAB <userId or empty> TAB <itemId>:<type>:<epochMillis> SPACE <itemId>:<type>:<epochMillis> ...}</pre>
 *
 * where type is {@code v} (view), {@code c} (cart), {@code p} (purchase) or {@code k} (search click). Item ids
 * contain no whitespace (staging normalises them); they may contain ':', so a step is parsed from the right.
 */
public record InteractionSequence(String sequenceId, String userId, List<Step> steps) {

    public InteractionSequence {
        requireToken(sequenceId, "sequence id");
        if (userId != null && userId.isEmpty()) {
            userId = null;
        }
        if (userId != null) {
            requireToken(userId, "user id");
        }
        steps = List.copyOf(steps);
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).time().isBefore(steps.get(i - 1).time())) {
                throw new IllegalArgumentException("steps of sequence " + sequenceId + " are not in time order");
            }
        }
    }

    /** One interaction of the sequence. */
    public record Step(String itemId, EventType type, Instant time) {
        public Step {
            requireToken(itemId, "item id");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(time, "time");
            if (!type.requiresItem()) {
                throw new IllegalArgumentException("a sequence step is an item interaction, not " + type.wireName());
            }
        }
    }

    public List<String> items() {
        return steps.stream().map(Step::itemId).toList();
    }

    public Instant start() {
        return steps.isEmpty() ? Instant.EPOCH : steps.get(0).time();
    }

    /** The line of the training-data file. */
    public String toLine() {
        StringBuilder sb = new StringBuilder(sequenceId).append('\t').append(userId == null ? "" : userId).append('\t');
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(s.itemId()).append(':').append(code(s.type())).append(':').append(s.time().toEpochMilli());
        }
        return sb.toString();
    }

    /** Parses a line written by {@link #toLine()}; a malformed line is an IllegalArgumentException saying why. */
    public static InteractionSequence parse(String line) {
        String[] cols = line.split("\t", -1);
        if (cols.length != 3) {
            throw new IllegalArgumentException("a sequence line has 3 tab-separated columns, found " + cols.length);
        }
        List<Step> steps = new ArrayList<>();
        if (!cols[2].isEmpty()) {
            for (String token : cols[2].split(" ")) {
                int t = token.lastIndexOf(':');
                int k = t < 0 ? -1 : token.lastIndexOf(':', t - 1);
                if (k <= 0) {
                    throw new IllegalArgumentException("step '" + token + "' is not item:type:epochMillis");
                }
                long millis;
                try {
                    millis = Long.parseLong(token.substring(t + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("step '" + token + "' has no epoch-millisecond time");
                }
                steps.add(new Step(token.substring(0, k), type(token.substring(k + 1, t)), Instant.ofEpochMilli(millis)));
            }
        }
        return new InteractionSequence(cols[0], cols[1], steps);
    }

    private static String code(EventType type) {
        return switch (type) {
            case VIEW -> "v";
            case CART -> "c";
            case PURCHASE -> "p";
            case SEARCH_CLICK -> "k";
            case SEARCH -> throw new IllegalArgumentException("a search is not a sequence step");
        };
    }

    private static EventType type(String code) {
        return switch (code) {
            case "v" -> EventType.VIEW;
            case "c" -> EventType.CART;
            case "p" -> EventType.PURCHASE;
            case "k" -> EventType.SEARCH_CLICK;
            default -> throw new IllegalArgumentException("unknown step type '" + code + "' (v, c, p or k)");
        };
    }

    private static void requireToken(String s, String what) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i)) || Character.isISOControl(s.charAt(i))) {
                throw new IllegalArgumentException(what + " '" + s + "' contains whitespace or a control character");
            }
        }
    }
}
