package io.clickstream.generator;

/** What one planned step is: an access-log line of some kind, or a search-engine event. */
enum StepKind {
    VIEW("view", true), CART("cart", true), PURCHASE("purchase", true), SEARCH("search", true),
    HOME("home", false), CATEGORY("category", false), STATIC("static", false), API("api", false),
    HEALTH("health", false), ROBOTS("robots", false), NOT_FOUND("not_found", false),
    BAD_REQUEST("bad_request", false),
    SEARCH_EVENT("search", false), CLICK_EVENT("click", false);

    private final String label;
    private final boolean event;

    StepKind(String label, boolean event) {
        this.label = label;
        this.event = event;
    }

    /** The name used in summary.json (and, for search-engine events, in the {@code event} field). */
    String label() {
        return label;
    }

    /** True for access-log lines the weblog source's default rules map to a landed event. */
    boolean isEventLine() {
        return event;
    }

    boolean isAccessLine() {
        return this != SEARCH_EVENT && this != CLICK_EVENT;
    }

    boolean isNoiseLine() {
        return isAccessLine() && !event;
    }
}
