package io.clickstream.domain;

/** A configured dependency (S3, Kafka, a search engine) did not answer after retries; nothing was lost. */
public class DependencyUnavailableException extends RuntimeException {
    private final String dependency;

    public DependencyUnavailableException(String dependency, String message, Throwable cause) {
        super(dependency + " is unavailable: " + message, cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
