package io.clickstream.generator;

/** The access-log line layouts a web server in front of the shop may be configured with. */
enum LogFormat {
    /** Combined Log Format plus one quoted field with the session cookie (nginx {@code "$cookie_sid"}). */
    COMBINED_SESSION("combined_session"),
    /** Plain Combined Log Format: common plus referer and user agent. */
    COMBINED("combined"),
    /** Common Log Format: no referer, no user agent; a zero byte count is written as {@code -}. */
    COMMON("common");

    private final String label;

    LogFormat(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
