package io.clickstream.domain;

/** A caller gave a parameter the system cannot accept; names the parameter so the caller can fix it. */
public class InvalidParameterException extends IllegalArgumentException {
    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
