package io.clickstream.application.service;

import io.clickstream.domain.NotConfiguredException;
import java.lang.reflect.Proxy;

/**
 * A test stand-in for an out-port whose adapter is not configured: every call fails with a
 * {@link NotConfiguredException} that says what to configure, so a job fails clearly instead of pretending.
 */
public final class Unconfigured {
    private Unconfigured() {
    }

    public static <T> T port(Class<T> port, String whatToConfigure) {
        String message = port.getSimpleName() + " is not available: " + whatToConfigure;
        Object proxy = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (self, method, args) ->
                switch (method.getName()) {
                    case "toString" -> "Unconfigured[" + port.getSimpleName() + "]";
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> throw new NotConfiguredException(message);
                });
        return port.cast(proxy);
    }
}
