package io.clickstream.adapter.http;

import io.undertow.server.HttpHandler;
import io.undertow.util.Methods;
import java.util.Objects;

/**
 * One entry of the route table: an HTTP method, a path template ({@code /api/v1/jobs/{jobId}}), who may call it,
 * its handler, and whether the handler runs on the I/O thread that read the request.
 *
 * @param onIoThread the handler is short CPU work that never blocks (no lake, no lock held by slow work): it runs on
 *                   the I/O thread once the request is complete, saving a hand-off to a worker and back that costs
 *                   more than the work itself (README: serving). Anything that may block goes to a worker.
 * @param acceptsPlainText the JSON body may also come as {@code text/plain}: what a browser's
 *                         {@code navigator.sendBeacon} sends without a CORS preflight
 */
record Route(String method, String template, Scope scope, HttpHandler handler, boolean onIoThread,
             boolean acceptsPlainText) {

    /** Who may call a route. */
    enum Scope {
        /** Anyone. */
        OPEN,
        /** A client key from {@code api.client.keys} or the admin token; anyone when no client key is configured. */
        CLIENT,
        /** The admin token ({@code api.token}) when one is configured. */
        ADMIN,
        /**
         * An ingest key ({@code events.keys}), in the header or as the {@code key} query parameter, or the admin token;
         * anyone when neither is configured.
         */
        INGEST
    }

    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(handler, "handler");
    }

    static Route get(String template, HttpHandler handler) {
        return new Route(Methods.GET_STRING, template, Scope.OPEN, handler, false, false);
    }

    /** A POST route, admin-only until {@link #as(Scope)} says otherwise. */
    static Route post(String template, HttpHandler handler) {
        return new Route(Methods.POST_STRING, template, Scope.ADMIN, handler, false, false);
    }

    Route as(Scope newScope) {
        return new Route(method, template, newScope, handler, onIoThread, acceptsPlainText);
    }

    /** The same route, its handler run on the I/O thread (see {@link #onIoThread}). */
    Route runOnIoThread() {
        return new Route(method, template, scope, handler, true, acceptsPlainText);
    }

    /** The same route, its body also taken as {@code text/plain} (see {@link #acceptsPlainText}). */
    Route acceptingPlainText() {
        return new Route(method, template, scope, handler, onIoThread, true);
    }

    /** Routes that read a request body. */
    boolean hasBody() {
        return method.equals(Methods.POST_STRING);
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
