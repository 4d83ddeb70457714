package io.clickstream.adapter.weblog;

/** A log line that cannot be understood; its message is the rejection reason. Cheap: no stack trace. */
final class MalformedLineException extends Exception {
    MalformedLineException(String reason) {
        super(reason, null, false, false);
    }
}
