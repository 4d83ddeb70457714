package io.clickstream.adapter.http;

import io.undertow.server.HttpHandler;
import io.undertow.util.Methods;
import java.util.Objects;

/** One entry of the route table: an HTTP method, a path template ({@code /api/v1/jobs/{jobId}}) and its handler. */
record Route(String method, String template, HttpHandler handler) {

    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(handler, "handler");
    }

    static Route get(String template, HttpHandler handler) {
        return new Route(Methods.GET_STRING, template, handler);
    }

    static Route post(String template, HttpHandler handler) {
        return new Route(Methods.POST_STRING, template, handler);
    }

    /** Mutating routes need the bearer token when one is configured. */
    boolean mutating() {
        return !method.equals(Methods.GET_STRING);
    }

    /** Whether a request path fits this route's template, whatever the method. */
    boolean matchesPath(String path) {
        String[] want = template.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            boolean variable = want[i].startsWith("{") && want[i].endsWith("}");
            if (variable ? got[i].isEmpty() : !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
