package io.clickstream.adapter.http;

/** A request the adapter itself rejects (body too large, wrong media type, bad JSON), with the answer to give. */
final class HttpProblem extends RuntimeException {
    private final ErrorCode code;
    private final String parameter;

    HttpProblem(ErrorCode code, String message, String parameter) {
        super(message, null, false, false);
        this.code = code;
        this.parameter = parameter;
    }

    HttpProblem(ErrorCode code, String message) {
        this(code, message, null);
    }

    ErrorCode code() {
        return code;
    }

    String parameter() {
        return parameter;
    }
}
